// The TypeScript sources of src/, parsed once with the compiler's own parser (syntax only, no type
// checker: fast, and it never depends on the code compiling), plus the few lookups the module map needs:
// where an import points to, and which declaration a name in a file stands for.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const MODULE_OF = /^src\/modules\/([^/]+)\//;

/** Every .ts file under `dir` (relative to root, forward slashes), tests left out, sorted. */
function listSources(root, dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (/\.ts$/.test(entry.name) && !/\.(spec|e2e-spec|d)\.ts$/.test(entry.name)) out.push(child);
    }
  };
  if (fs.existsSync(path.join(root, dir))) walk(dir);
  return out.sort();
}

class Sources {
  constructor(root) {
    this.root = root;
    this.files = new Map(); // rel -> SourceFile
    for (const rel of listSources(root, 'src')) {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      this.files.set(rel, ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
    }
    this.importCache = new Map();
  }

  get(rel) {
    return this.files.get(rel);
  }

  /** Module name of a file under src/modules/<name>/, else undefined. */
  moduleOf(rel) {
    const match = MODULE_OF.exec(rel);
    return match ? match[1] : undefined;
  }

  /** The names of the folders under src/modules/, sorted. */
  moduleNames() {
    return [...new Set([...this.files.keys()].map((rel) => this.moduleOf(rel)).filter(Boolean))].sort();
  }

  /** The file an import specifier points to, relative to the root; undefined for a package. */
  resolve(fromRel, specifier) {
    let base;
    if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(fromRel), specifier);
    else if (specifier.startsWith('src/')) base = specifier; // tsconfig baseUrl "./"
    else return undefined;
    base = path.posix.normalize(base).replace(/\.(js|ts)$/, '');
    for (const candidate of [`${base}.ts`, `${base}/index.ts`]) if (this.files.has(candidate)) return candidate;
    return `${base}.ts`; // points into src/ but to nothing we parsed: still not a package
  }

  /** The import and re-export declarations of a file. */
  imports(rel) {
    if (this.importCache.has(rel)) return this.importCache.get(rel);
    const sf = this.files.get(rel);
    const result = [];
    for (const statement of sf ? sf.statements : []) {
      const isImport = ts.isImportDeclaration(statement);
      const isReExport = ts.isExportDeclaration(statement) && statement.moduleSpecifier;
      if (!isImport && !isReExport) continue;
      const specifier = statement.moduleSpecifier.text;
      const names = [];
      if (isImport && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) names.push({ imported: 'default', local: clause.name.text });
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) names.push({ imported: (el.propertyName || el.name).text, local: el.name.text });
        } else if (bindings && ts.isNamespaceImport(bindings)) names.push({ imported: '*', local: bindings.name.text });
      }
      if (isReExport && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const el of statement.exportClause.elements) names.push({ imported: (el.propertyName || el.name).text, local: el.name.text });
      }
      result.push({
        kind: isImport ? 'import' : 'export',
        star: Boolean(isReExport && !statement.exportClause),
        specifier,
        resolved: this.resolve(rel, specifier),
        names,
        line: lineOf(sf, statement),
      });
    }
    this.importCache.set(rel, result);
    return result;
  }

  /** The top-level declaration named `name` in a file, following re-exports: { file, node } or undefined. */
  findExport(rel, name, seen = new Set()) {
    if (seen.has(rel)) return undefined;
    seen.add(rel);
    const sf = this.files.get(rel);
    if (!sf) return undefined;
    const own = topLevelDeclaration(sf, name);
    if (own) return { file: rel, node: own };
    for (const entry of this.imports(rel)) {
      if (entry.kind !== 'export' || !entry.resolved) continue;
      if (entry.star) {
        const found = this.findExport(entry.resolved, name, seen);
        if (found) return found;
      } else {
        const el = entry.names.find((n) => n.local === name);
        if (el) return this.findExport(entry.resolved, el.imported, seen);
      }
    }
    return undefined;
  }

  /** What `name`, as written in file `rel`, refers to: a declaration in src/ ({ file, node }), or { external: specifier }. */
  lookup(rel, name) {
    const sf = this.files.get(rel);
    if (!sf) return undefined;
    const own = topLevelDeclaration(sf, name);
    if (own) return { file: rel, node: own };
    for (const entry of this.imports(rel)) {
      if (entry.kind !== 'import') continue;
      const el = entry.names.find((n) => n.local === name);
      if (!el) continue;
      if (!entry.resolved) return { external: entry.specifier, name: el.imported };
      return this.findExport(entry.resolved, el.imported) || { missing: entry.resolved, name: el.imported };
    }
    return undefined;
  }
}

function topLevelDeclaration(sf, name) {
  for (const statement of sf.statements) {
    if ((ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) ||
      ts.isFunctionDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name && statement.name.text === name) {
      return statement;
    }
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) if (ts.isIdentifier(decl.name) && decl.name.text === name) return decl;
    }
  }
  return undefined;
}

function lineOf(sf, node) {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** Calls `visit` on every node below `node`, depth first. */
function walk(node, visit) {
  const go = (n) => {
    visit(n);
    ts.forEachChild(n, go);
  };
  ts.forEachChild(node, go);
}

function decoratorsOf(node) {
  return (ts.canHaveDecorators(node) && ts.getDecorators(node)) || [];
}

/** `@Name(args)` on a node: its argument list, or undefined. */
function decoratorArgs(node, name) {
  for (const d of decoratorsOf(node)) {
    const e = d.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === name) return e.arguments;
  }
  return undefined;
}

function hasModifier(node, kind) {
  return Boolean(node.modifiers && node.modifiers.some((m) => m.kind === kind));
}

/** Peels `x as const`, `x satisfies T`, `(x)` and `x!` off an expression. */
function unwrap(expr) {
  while (expr && (ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr))) {
    expr = expr.expression;
  }
  return expr;
}

/** Whether an expression carries `as const` anywhere in its wrapping. */
function isAsConst(expr) {
  while (expr && (ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isParenthesizedExpression(expr))) {
    if (ts.isAsExpression(expr) && ts.isTypeReferenceNode(expr.type) && expr.type.typeName.getText() === 'const') return true;
    expr = expr.expression;
  }
  return false;
}

/** Source text on one line. */
function flat(node, sf) {
  return node.getText(sf).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').replace(/,\s*\)/g, ')').trim();
}

module.exports = { ts, Sources, walk, lineOf, decoratorArgs, decoratorsOf, hasModifier, unwrap, isAsConst, flat, MODULE_OF };
