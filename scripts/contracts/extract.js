// What each module offers and expects across a process boundary, read from the code: the module map
// (scripts/arch/scan.js) says which port methods the transport forwards and which messages the module sends
// and handles; the TypeScript type checker gives the types of their parameters, answers and payloads, which
// json-schema.js writes as JSON Schema.
'use strict';
const path = require('node:path');
const ts = require('typescript');
const { scan } = require('../arch/scan');
const { SchemaWriter } = require('./json-schema');

const CONTRACTS = /^src\/modules\/[^/]+\/contracts\//;

/** The contract of every module of the project at `root`, in the order of their names. */
function extract(root) {
  const model = scan(root);
  const files = [...model.sources.files.keys()].filter((file) => CONTRACTS.test(file));
  const options = compilerOptions(root);
  const program = ts.createProgram(files.map((file) => path.join(root, file)), options, compilerHost(options));
  const checker = program.getTypeChecker();
  const classNamed = (file, name) => {
    const sf = program.getSourceFile(path.join(root, file));
    const node = sf && sf.statements.find((s) => ts.isClassDeclaration(s) && s.name && s.name.text === name);
    if (!node) throw new Error(`${file}: class ${name} not found`);
    return checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(node.name));
  };
  return model.modules.map((m) => moduleContract(m, model, checker, classNamed));
}

/** The project's own compiler options (its tsconfig.json, if any), reading types only. */
function compilerOptions(root) {
  const file = path.join(root, 'tsconfig.json');
  let options = { strict: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], module: ts.ModuleKind.CommonJS };
  if (ts.sys.fileExists(file)) options = ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config, ts.sys, root).options;
  return { ...options, types: [], noEmit: true, incremental: false, skipLibCheck: true };
}

/** TypeScript's own declarations (lib.*.d.ts), parsed once per process however many projects are read. */
const libFiles = new Map();

function compilerHost(options) {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (path.dirname(fileName) !== path.dirname(host.getDefaultLibFileName(options))) return read(fileName, languageVersion, ...rest);
    const key = `${fileName}\n${JSON.stringify(languageVersion)}`;
    if (!libFiles.has(key)) libFiles.set(key, read(fileName, languageVersion, ...rest));
    return libFiles.get(key);
  };
  return host;
}

function moduleContract(m, model, checker, classNamed) {
  const writer = new SchemaWriter(checker);
  const methods = {};
  if (m.port) {
    const port = classNamed(m.port.file, m.port.name);
    for (const method of m.port.methods.filter((pm) => pm.forwarded).map((pm) => pm.name).sort()) {
      const where = `${m.port.name}.${method}`;
      const [signature] = checker.getSignaturesOfType(checker.getTypeOfSymbol(checker.getPropertyOfType(port, method)), ts.SignatureKind.Call);
      // The arguments travel as an array (see PortCall): a parameter is known by its position, its name is a title.
      const items = signature.getParameters().map((p) => ({ title: p.name, ...writer.schema(checker.getTypeOfSymbol(p), `${where}(${p.name})`) }));
      methods[method] = {
        input: { type: 'array', prefixItems: items, minItems: signature.minArgumentCount, maxItems: items.length },
        answer: writer.schema(checker.getAwaitedType(signature.getReturnType()), `${where}() answer`),
      };
    }
  }
  const entry = (message, side) => ({
    class: message.class,
    name: message.name,
    version: message.version,
    ...side,
    payload: writer.schema(checker.getTypeOfSymbol(checker.getPropertyOfType(classNamed(message.file, message.class), 'payload')), `${message.class}.payload`),
  });
  const keyOf = (message) => `${message.name}@v${message.version}`;
  const defined = (x) => model.messages.find((message) => message.class === x.class && message.module === x.definedBy);
  const sends = {};
  // `with`: the other versions of the message it is always published with, in one envelope (MessageVersions)
  for (const published of m.publishes) sends[keyOf(published)] = entry(defined(published), { to: published.to, with: published.together });
  const consumes = {};
  for (const handled of m.handles) {
    const message = model.messages.find((x) => x.class === handled.class && x.file === handled.file);
    consumes[keyOf(message)] = entry(message, { from: message.publishers });
  }
  return { module: m.name, port: m.port ? m.port.name : null, methods, sends, consumes, $defs: writer.defs };
}

module.exports = { extract };
