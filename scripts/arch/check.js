// Whether each module can be taken out into a process of its own, judged from its code on three counts:
//  1. it owns its tables: its entities live in its own schema and no SQL in it names another module's schema;
//  2. its contracts are plain data: what crosses a process boundary (port arguments and results, message
//     payloads) is JSON without loss, and contracts/ drags in nothing but other contracts;
//  3. it keeps no in-memory state that another module could share: no module-level variables or mutated
//     singletons, no static fields, nothing taken from inside another module.
// Each finding names the file and line, and says what to do instead.
'use strict';
const { ts, walk, lineOf, hasModifier, unwrap, isAsConst } = require('./sources');

const ALLOWED_CONTRACT_IMPORTS = ['src/module-kit/messaging/integration-message.ts', 'src/module-kit/pagination/page.ts', 'src/module-kit/forwarded.ts'];
const SQL_WORDS = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|TABLE|REFERENCES|INDEX|SCHEMA|ALTER|DROP|TRUNCATE)\b/;
const MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/** Types that do not survive JSON.stringify/parse, and what to use instead. */
const NOT_PLAIN = {
  Date: 'becomes a string on the wire: use an ISO-8601 string',
  Map: 'becomes {} on the wire: use a plain object or an array of pairs',
  Set: 'becomes {} on the wire: use an array',
  WeakMap: 'cannot be serialized',
  WeakSet: 'cannot be serialized',
  Function: 'a function cannot cross a process boundary',
  Promise: 'only a port method may return a Promise, and only at the top of its result',
  Buffer: 'becomes an object of bytes on the wire: use a base64 string',
  Uint8Array: 'becomes an object of bytes on the wire: use a base64 string',
  RegExp: 'becomes {} on the wire: use a string',
  Error: 'loses its message and class on the wire: use an error code (a string)',
  Observable: 'a stream cannot cross the transport as a value',
};
const WRAPPERS = new Set(['Array', 'ReadonlyArray', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'NonNullable']);

function check(model) {
  const src = model.sources;
  const names = model.modules.map((m) => m.name);
  return model.modules.map((m) => {
    const files = [...src.files.keys()].filter((f) => src.moduleOf(f) === m.name);
    return {
      module: m.name,
      criteria: [
        { name: 'owns its tables', ...ownsItsTables(src, m, files, names) },
        { name: 'contracts are plain data', ...plainContracts(src, m, files) },
        { name: 'no shared in-memory state', ...noSharedState(src, m, files) },
      ],
    };
  });
}

// ---- 1. tables

function ownsItsTables(src, m, files, moduleNames) {
  const problems = [];
  for (const t of m.tables) {
    if (t.schema === undefined) problems.push(`${t.file}:${t.line} entity ${t.entity} names no schema: give it { schema: '${m.name}' }`);
    else if (t.schema !== m.name) problems.push(`${t.file}:${t.line} entity ${t.entity} is in schema ${t.schema}: a module keeps its tables in its own schema (${m.name})`);
  }
  let sqlCount = 0;
  for (const file of files) {
    const sf = src.get(file);
    walk(sf, (node) => {
      // createMessagingTables(queryRunner, '<schema>'): the outbox, inbox and idempotency tables
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /MessagingTables$/.test(node.expression.text)) {
        const schema = node.arguments[1] && unwrap(node.arguments[1]);
        if (schema && ts.isStringLiteralLike(schema) && schema.text !== m.name) {
          problems.push(`${file}:${lineOf(sf, node)} ${node.expression.text} in schema ${schema.text}: use '${m.name}'`);
        }
      }
      const text = sqlText(node, sf);
      if (text === undefined || !SQL_WORDS.test(text)) return;
      sqlCount++;
      for (const schema of schemasNamed(text)) {
        if (schema !== m.name && moduleNames.includes(schema)) {
          problems.push(`${file}:${lineOf(sf, node)} SQL names ${schema}.*, a table of the ${schema} module: ask that module through its port or keep a copy fed by its events`);
        }
      }
    });
  }
  const tables = m.tables.map((t) => `${t.schema}.${t.table}`).join(', ') || 'none';
  return problems.length
    ? { ok: false, reasons: problems }
    : { ok: true, reasons: [`entities ${tables}; ${sqlCount ? "its SQL names no other module's schema" : 'no SQL of its own'}`] };
}

/** The text of a string or template literal (substitutions as ${}), or undefined. */
function sqlText(node, sf) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.getText(sf);
  return undefined;
}

function schemasNamed(text) {
  const found = new Set();
  const re = /(^|[^\w.$"])"?([A-Za-z_][A-Za-z0-9_]*)"?\.("?[A-Za-z_$])/g;
  let match;
  while ((match = re.exec(text))) found.add(match[2]);
  return [...found];
}

// ---- 2. contracts

function plainContracts(src, m, files) {
  const problems = [];
  const contractFiles = files.filter((f) => f.startsWith(`src/modules/${m.name}/contracts/`));
  if (contractFiles.length === 0) problems.push(`src/modules/${m.name}/contracts/ is missing: a module is reached only through its contracts`);
  if (!m.port) problems.push(`no port: put an abstract class in src/modules/${m.name}/contracts/${m.name}.port.ts`);
  const counts = { dto: 0, message: 0, constant: 0 };
  const checked = new Set();

  for (const file of contractFiles) {
    const sf = src.get(file);
    const at = (node) => `${file}:${lineOf(sf, node)}`;
    for (const entry of src.imports(file)) {
      const target = entry.resolved;
      const ok = target && (/^src\/modules\/[^/]+\/contracts\//.test(target) || ALLOWED_CONTRACT_IMPORTS.includes(target));
      if (!ok) {
        problems.push(`${file}:${entry.line} imports '${entry.specifier}': contracts may import only contracts, ${ALLOWED_CONTRACT_IMPORTS.join(' and ')}`);
      }
    }
    for (const statement of sf.statements) {
      if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) continue;
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) {
        counts.dto++;
        checkDeclaration(src, file, statement, problems, checked);
      } else if (ts.isClassDeclaration(statement)) {
        const name = statement.name ? statement.name.text : '(anonymous)';
        const message = m.defines.find((d) => d.class === name && d.file === file);
        if (message) {
          counts.message++;
          checkMessageClass(src, m, file, sf, statement, message, problems, checked);
        } else if (m.port && m.port.name === name && m.port.file === file) {
          checkPort(src, m, file, sf, statement, problems, checked);
        } else if (hasModifier(statement, ts.SyntaxKind.AbstractKeyword)) {
          problems.push(`${at(statement)} abstract class ${name} is a second port: one port per module (${m.port ? m.port.name : 'none'})`);
        } else {
          problems.push(`${at(statement)} class ${name}: a class instance does not survive JSON; make it an interface (or an IntegrationMessage)`);
        }
      } else if (ts.isVariableStatement(statement)) {
        counts.constant++;
        const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
        for (const decl of statement.declarationList.declarations) {
          const name = decl.name.getText(sf);
          if (!isConst) problems.push(`${at(decl)} ${name} is a variable: contracts hold constants only`);
          else if (!isLiteralData(decl.initializer)) problems.push(`${at(decl)} ${name} is not literal data (strings, numbers, booleans, arrays and objects of them)`);
          else if (!isAsConst(decl.initializer) && !isFrozen(decl.initializer) && !isPrimitive(unwrap(decl.initializer))) {
            problems.push(`${at(decl)} ${name} can be changed at run time by any importer: add \`as const\``);
          }
        }
      } else if (ts.isFunctionDeclaration(statement)) {
        problems.push(`${at(statement)} function ${statement.name ? statement.name.text : ''}: behaviour belongs inside the module, not in its contracts`);
      } else if (ts.isEnumDeclaration(statement)) {
        problems.push(`${at(statement)} enum ${statement.name.text}: use a union of string literals (and an \`as const\` object if you need the values)`);
      } else {
        problems.push(`${at(statement)} a statement that runs code: contracts declare data only`);
      }
    }
  }
  if (m.port) {
    if (!m.port.forwardedBy) problems.push(`${m.port.file} has no @Forwarded({ ... }) decorator: the transport would forward none of ${m.port.name}'s methods`);
    for (const pm of m.port.methods) {
      if (m.port.forwardedBy && !pm.forwarded) problems.push(`${m.port.file}:${pm.line} ${m.port.name}.${pm.name} is missing from ${m.port.forwardedBy}: it would fail once ${m.name} is in another process`);
    }
    for (const name of m.port.unknownForwarded) problems.push(`${m.port.file} ${m.port.forwardedBy} names ${name}, which ${m.port.name} does not have`);
  }
  return problems.length
    ? { ok: false, reasons: uniq(problems) }
    : {
        ok: true,
        reasons: [
          `port ${m.port.name} (${m.port.methods.length} methods, all forwarded), ${counts.message} message(s), ${counts.dto} DTO type(s), ${counts.constant} constant(s); JSON-safe, importing only contracts and the kit's message and page types`,
        ],
      };
}

function checkPort(src, m, file, sf, cls, problems, checked) {
  for (const member of cls.members) {
    const at = `${file}:${lineOf(sf, member)}`;
    const name = member.name ? member.name.getText(sf) : '(member)';
    if (!ts.isMethodDeclaration(member) || !hasModifier(member, ts.SyntaxKind.AbstractKeyword)) {
      problems.push(`${at} ${cls.name.text}.${name} is not an abstract method: a port declares methods and nothing else`);
      continue;
    }
    for (const param of member.parameters) {
      if (!param.type) problems.push(`${at} ${cls.name.text}.${name}: parameter ${param.name.getText(sf)} has no type`);
      else checkType(src, file, param.type, [], problems, checked, `${cls.name.text}.${name}(${param.name.getText(sf)})`);
    }
    const result = member.type;
    if (!result || !ts.isTypeReferenceNode(result) || result.typeName.getText(sf) !== 'Promise' || !result.typeArguments) {
      problems.push(`${at} ${cls.name.text}.${name} must return a Promise: in another process every call is asynchronous`);
    } else checkType(src, file, result.typeArguments[0], [], problems, checked, `${cls.name.text}.${name}() result`, true);
  }
}

/** `get orderingKey() { return this.payload.<field>; }`: derived from the payload, so the message stays plain data. */
function isOrderingKeyOfPayload(member, sf) {
  if (!ts.isGetAccessorDeclaration(member) || member.name.getText(sf) !== 'orderingKey' || !member.body) return false;
  const [statement, ...rest] = member.body.statements;
  return rest.length === 0 && statement !== undefined && ts.isReturnStatement(statement) && /^this\.payload\.\w+$/.test(statement.expression?.getText(sf) ?? '');
}

function checkMessageClass(src, m, file, sf, cls, message, problems, checked) {
  const at = `${file}:${lineOf(sf, cls)}`;
  if (typeof message.name !== 'string') problems.push(`${at} ${message.class} has no static readonly messageName string`);
  else if (!message.name.startsWith(`${m.name}.`)) problems.push(`${at} ${message.class}.messageName '${message.name}' must start with '${m.name}.' so that names never clash`);
  if (typeof message.version !== 'number') problems.push(`${at} ${message.class} has no static readonly version number`);
  for (const member of cls.members) {
    const isStaticLiteral = ts.isPropertyDeclaration(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword) && hasModifier(member, ts.SyntaxKind.ReadonlyKeyword);
    if (!isStaticLiteral && !isOrderingKeyOfPayload(member, sf)) {
      problems.push(`${file}:${lineOf(sf, member)} ${message.class} has a member besides messageName, version and orderingKey: a message is its payload and nothing else`);
    }
  }
  const base = cls.heritageClauses[0].types[0];
  if (!base.typeArguments || base.typeArguments.length !== 1) problems.push(`${at} ${message.class} extends IntegrationMessage without a payload type`);
  else checkType(src, file, base.typeArguments[0], [], problems, checked, `${message.class} payload`);
}

/** Checks an interface or type alias declared in `file` (once). */
function checkDeclaration(src, file, decl, problems, checked) {
  const id = `${file}#${decl.name.text}`;
  if (checked.has(id)) return;
  checked.add(id);
  const sf = src.get(file);
  const typeParams = (decl.typeParameters || []).map((p) => p.name.text);
  const where = decl.name.text;
  if (ts.isTypeAliasDeclaration(decl)) return checkType(src, file, decl.type, typeParams, problems, checked, where);
  for (const clause of decl.heritageClauses || []) {
    for (const t of clause.types) {
      if (ts.isIdentifier(t.expression)) checkNamed(src, file, t.expression.text, t.typeArguments || [], typeParams, problems, checked, where, lineOf(sf, t));
    }
  }
  checkMembers(src, file, decl.members, typeParams, problems, checked, where);
}

function checkMembers(src, file, members, typeParams, problems, checked, where) {
  const sf = src.get(file);
  for (const member of members) {
    const name = member.name ? member.name.getText(sf) : '';
    if (ts.isPropertySignature(member)) {
      if (!member.type) problems.push(`${file}:${lineOf(sf, member)} ${where}.${name} has no type`);
      else checkType(src, file, member.type, typeParams, problems, checked, `${where}.${name}`);
    } else if (ts.isIndexSignatureDeclaration(member)) {
      checkType(src, file, member.type, typeParams, problems, checked, `${where}[key]`);
    } else {
      problems.push(`${file}:${lineOf(sf, member)} ${where}.${name || '(signature)'} is a method: data carries no behaviour`);
    }
  }
}

function checkType(src, file, type, typeParams, problems, checked, where, allowVoid = false) {
  const sf = src.get(file);
  const bad = (why) => problems.push(`${file}:${lineOf(sf, type)} ${where}: ${type.getText(sf)} ${why}`);
  const again = (t) => checkType(src, file, t, typeParams, problems, checked, where);
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.TemplateLiteralType:
      return;
    case ts.SyntaxKind.VoidKeyword:
      if (!allowVoid) bad('is void: only a port method result may be');
      return;
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return bad('says nothing of the shape: name the fields');
    case ts.SyntaxKind.BigIntKeyword:
      return bad('is a bigint, which JSON.stringify refuses: use a number (cents) or a string');
    case ts.SyntaxKind.SymbolKeyword:
      return bad('is a symbol, which JSON drops');
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
      return bad(NOT_PLAIN.Function);
    case ts.SyntaxKind.ArrayType:
      return again(type.elementType);
    case ts.SyntaxKind.TupleType:
      return type.elements.forEach((e) => again(ts.isNamedTupleMember(e) ? e.type : e));
    case ts.SyntaxKind.UnionType:
    case ts.SyntaxKind.IntersectionType:
      return type.types.forEach((t) => checkType(src, file, t, typeParams, problems, checked, where, allowVoid));
    case ts.SyntaxKind.ParenthesizedType:
    case ts.SyntaxKind.OptionalType:
      return again(type.type);
    case ts.SyntaxKind.TypeOperator:
      return type.operator === ts.SyntaxKind.KeyOfKeyword ? undefined : again(type.type); // readonly T[]; keyof gives string literals
    case ts.SyntaxKind.IndexedAccessType:
    case ts.SyntaxKind.TypeQuery:
      return; // (typeof X)[keyof typeof X]: literal values of an `as const` constant, checked where it is declared
    case ts.SyntaxKind.TypeLiteral:
      return checkMembers(src, file, type.members, typeParams, problems, checked, where);
    case ts.SyntaxKind.TypeReference: {
      const name = type.typeName.getText(sf);
      return checkNamed(src, file, name, type.typeArguments || [], typeParams, problems, checked, where, lineOf(sf, type), type);
    }
    default:
      return bad('is a kind of type this check does not know to be plain data');
  }
}

function checkNamed(src, file, name, typeArgs, typeParams, problems, checked, where, line, node) {
  const again = (t) => checkType(src, file, t, typeParams, problems, checked, where);
  if (typeParams.includes(name)) return;
  if (NOT_PLAIN[name]) return problems.push(`${file}:${line} ${where}: ${name} ${NOT_PLAIN[name]}`);
  if (WRAPPERS.has(name)) {
    const checkedArgs = name === 'Pick' || name === 'Omit' ? typeArgs.slice(0, 1) : name === 'Record' ? typeArgs.slice(1) : typeArgs;
    return checkedArgs.forEach(again);
  }
  typeArgs.forEach(again);
  const found = src.lookup(file, name);
  if (!found || found.external || found.missing) {
    return problems.push(`${file}:${line} ${where}: ${name} is not declared in any contracts/ (${found && found.external ? `it comes from ${found.external}` : 'cannot find it'})`);
  }
  const inContracts = /^src\/modules\/[^/]+\/contracts\//.test(found.file) || ALLOWED_CONTRACT_IMPORTS.includes(found.file);
  if (!inContracts) return problems.push(`${file}:${line} ${where}: ${name} is declared in ${found.file}, outside the contracts`);
  if (ts.isInterfaceDeclaration(found.node) || ts.isTypeAliasDeclaration(found.node)) return checkDeclaration(src, found.file, found.node, problems, checked);
  if (ts.isClassDeclaration(found.node)) return problems.push(`${file}:${line} ${where}: ${name} is a class: its instances do not survive JSON, use an interface`);
  return problems.push(`${file}:${line} ${where}: ${name} is not a type of plain data`);
}

function isLiteralData(expr) {
  const e = unwrap(expr);
  if (!e) return false;
  if (isPrimitive(e)) return true;
  if (ts.isArrayLiteralExpression(e)) return e.elements.every(isLiteralData);
  if (ts.isObjectLiteralExpression(e)) return e.properties.every((p) => ts.isPropertyAssignment(p) && isLiteralData(p.initializer));
  if (isFrozen(e)) return isLiteralData(e.arguments[0]);
  return false;
}

function isPrimitive(e) {
  return Boolean(e) && (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand)));
}

function isFrozen(expr) {
  const e = unwrap(expr);
  return Boolean(e) && ts.isCallExpression(e) && e.expression.getText() === 'Object.freeze';
}

// ---- 3. in-memory state

function noSharedState(src, m, files) {
  const problems = [];
  for (const file of files) {
    const sf = src.get(file);
    const at = (node) => `${file}:${lineOf(sf, node)}`;
    for (const entry of src.imports(file)) {
      const target = entry.resolved && src.moduleOf(entry.resolved);
      if (target && target !== m.name && !entry.resolved.startsWith(`src/modules/${target}/contracts/`)) {
        problems.push(`${file}:${entry.line} imports ${entry.resolved}: another module's internals (${target}) would not be in this process once ${m.name} is out; use its port or its messages`);
      }
      if (entry.resolved && /^src\/(app|gateway)\//.test(entry.resolved)) {
        problems.push(`${file}:${entry.line} imports ${entry.resolved}: a module cannot depend on the composition it is deployed in`);
      }
    }
    for (const statement of sf.statements) {
      if (ts.isVariableStatement(statement)) {
        const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
        const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
        for (const decl of statement.declarationList.declarations) {
          const name = decl.name.getText(sf);
          if (!isConst) {
            problems.push(`${at(decl)} module-level \`${statement.declarationList.getText(sf).split(/\s/)[0]} ${name}\`: state that every module in the process shares, and that splits apart when modules move; keep it in the database or in a provider`);
            continue;
          }
          const init = decl.initializer && unwrap(decl.initializer);
          if (!init || isAsConst(decl.initializer) || isFrozen(decl.initializer)) continue;
          const container = ts.isNewExpression(init) && ts.isIdentifier(init.expression) && ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array'].includes(init.expression.text);
          const literal = ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init);
          if (!container && !literal) continue;
          if (ts.isIdentifier(decl.name) && isMutated(sf, decl.name.text)) {
            problems.push(`${at(decl)} module-level ${name} is changed at run time: in-memory state outside any provider; keep it in the database or in a provider`);
          } else if (container && exported) {
            problems.push(`${at(decl)} exported ${name} is a mutable container: whoever imports it shares its contents; wrap it in a provider`);
          }
        }
      }
      if (ts.isClassDeclaration(statement)) {
        for (const member of statement.members) {
          if (ts.isPropertyDeclaration(member) && hasModifier(member, ts.SyntaxKind.StaticKeyword) && !hasModifier(member, ts.SyntaxKind.ReadonlyKeyword)) {
            problems.push(`${at(member)} static ${statement.name ? statement.name.text : ''}.${member.name.getText(sf)} is not readonly: a static field is shared by the whole process`);
          }
        }
      }
    }
    walk(sf, (node) => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(globalThis|global|window)\b/.test(node.left.getText(sf))) {
        problems.push(`${at(node)} assigns ${node.left.getText(sf)}: global state`);
      }
    });
  }
  return problems.length
    ? { ok: false, reasons: uniq(problems) }
    : { ok: true, reasons: ['no module-level variables, mutated singletons or static fields; it imports only the contracts of other modules'] };
}

/** Whether a module-level binding is changed anywhere in its file (x.push(...), x.k = v, x[k] = v, Object.assign(x, ...)). */
function isMutated(sf, name) {
  let mutated = false;
  const isIt = (n) => ts.isIdentifier(n) && n.text === name;
  walk(sf, (node) => {
    if (mutated) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && isIt(node.expression.expression) && MUTATORS.has(node.expression.name.text)) mutated = true;
    if (ts.isCallExpression(node) && node.expression.getText(sf) === 'Object.assign' && node.arguments[0] && isIt(node.arguments[0])) mutated = true;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = node.left;
      if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && isIt(left.expression)) mutated = true;
    }
    if ((ts.isDeleteExpression(node) && (ts.isPropertyAccessExpression(node.expression) || ts.isElementAccessExpression(node.expression)) && isIt(node.expression.expression))) mutated = true;
  });
  return mutated;
}

function uniq(values) {
  return [...new Set(values)];
}

module.exports = { check };
