// JSON Schema (2020-12) of a TypeScript type, read with the compiler's own type checker: what the type
// allows on the wire once JSON.stringify has been through it. Named types (interfaces, type aliases, generic
// instances such as Page<CustomerDto>) go into $defs and are referred to; anonymous ones are written inline.
// Every list whose order means nothing (enum, required, anyOf) is sorted, so the same types always give the
// same schema.
'use strict';
const ts = require('typescript');

const { TypeFlags, SymbolFlags, SignatureKind } = ts;

/** Writes schemas for one snapshot: the named types they use are collected in `defs`, each under one name. */
class SchemaWriter {
  constructor(checker) {
    this.checker = checker;
    this.defs = {};
    this.names = new Map(); // type -> its name in $defs
  }

  /** The schema of `type`; `where` names the place, for the error when a type cannot cross the wire. */
  schema(type, where) {
    const name = this.nameOf(type);
    if (name === undefined) return this.inline(type, where);
    if (!this.names.has(type)) {
      this.names.set(type, this.unusedName(name));
      this.defs[this.names.get(type)] = this.inline(type, where);
    }
    return { $ref: `#/$defs/${this.names.get(type)}` };
  }

  /** The declared name of an interface, a class or a type alias, with its type arguments; undefined for the rest. */
  nameOf(type) {
    if (type.flags & TypeFlags.Boolean) return undefined; // `boolean` is `true | false` inside the checker
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) return undefined; // T[], written inline
    const symbol = type.aliasSymbol || type.symbol;
    const declared = type.aliasSymbol || (symbol && symbol.flags & (SymbolFlags.Interface | SymbolFlags.Class));
    if (!declared || !symbol || symbol.name.startsWith('__')) return undefined;
    return this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation).replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+$/, '');
  }

  /** The name itself, or with a number after it when another type of the same name took it first. */
  unusedName(name) {
    const taken = new Set(this.names.values());
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
    return candidate;
  }

  inline(type, where) {
    const f = type.flags;
    if (f & (TypeFlags.Any | TypeFlags.Unknown)) return {};
    if (f & (TypeFlags.Void | TypeFlags.Undefined)) return { $comment: 'nothing: the receiver reads no value' };
    if (f & TypeFlags.Null) return { type: 'null' };
    if (f & TypeFlags.Boolean) return { type: 'boolean' };
    if (f & TypeFlags.BooleanLiteral) return { const: type.intrinsicName === 'true' };
    if (f & (TypeFlags.StringLiteral | TypeFlags.NumberLiteral)) return { const: type.value };
    if (f & (TypeFlags.String | TypeFlags.TemplateLiteral)) return { type: 'string' };
    if (f & TypeFlags.Number) return { type: 'number' };
    if (f & TypeFlags.Union) return this.union(type, where);
    if (f & (TypeFlags.Object | TypeFlags.Intersection)) return this.object(type, where);
    throw new Error(`${where}: ${this.checker.typeToString(type)} has no JSON form`);
  }

  /** A union without `undefined` (which only makes a property optional): an enum of literals, or anyOf. */
  union(type, where) {
    // `T | undefined` of an optional property: the checker keeps T's alias (a named union) in `origin`.
    const written = type.origin && type.origin.flags & TypeFlags.Union ? type.origin : type;
    const members = written.types.filter((t) => !(t.flags & (TypeFlags.Undefined | TypeFlags.Void)));
    const booleans = members.filter((t) => t.flags & TypeFlags.BooleanLiteral);
    const rest = members.filter((t) => !(t.flags & TypeFlags.BooleanLiteral));
    const schemas = rest.map((t) => this.schema(t, where));
    if (booleans.length === 2) schemas.push({ type: 'boolean' });
    else schemas.push(...booleans.map((t) => this.schema(t, where)));
    if (schemas.length === 1) return schemas[0];
    if (schemas.every((s) => 'const' in s)) return { enum: schemas.map((s) => s.const).sort(byValue) };
    return { anyOf: sortedUnique(schemas) };
  }

  object(type, where) {
    const c = this.checker;
    if (c.isArrayType(type)) return { type: 'array', items: this.schema(c.getTypeArguments(type)[0], `${where}[]`) };
    if (c.isTupleType(type)) {
      const items = c.getTypeArguments(type).map((t, i) => this.schema(t, `${where}[${i}]`));
      return { type: 'array', prefixItems: items, minItems: type.target.minLength, maxItems: items.length };
    }
    if (c.getSignaturesOfType(type, SignatureKind.Call).length > 0) throw new Error(`${where}: a function cannot cross a process boundary`);
    const properties = {};
    const required = [];
    for (const property of [...c.getPropertiesOfType(type)].sort((a, b) => byValue(a.name, b.name))) {
      properties[property.name] = this.schema(c.getTypeOfSymbol(property), `${where}.${property.name}`);
      if (!(property.flags & SymbolFlags.Optional)) required.push(property.name);
    }
    const schema = { type: 'object', properties, required };
    const index = c.getIndexInfosOfType(type).find((info) => info.keyType.flags & TypeFlags.String);
    if (index) schema.additionalProperties = this.schema(index.type, `${where}[key]`);
    return schema;
  }
}

function byValue(a, b) {
  return typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : typeof a < typeof b ? -1 : 1;
}

function sortedUnique(schemas) {
  const byText = new Map(schemas.map((s) => [JSON.stringify(sortKeys(s)), s]));
  return [...byText.keys()].sort().map((text) => byText.get(text));
}

/** A copy of a JSON value with the keys of every object in sorted order (arrays keep theirs). */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

module.exports = { SchemaWriter, sortKeys };
