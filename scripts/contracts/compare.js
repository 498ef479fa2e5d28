// Whether the code's contract of a module (after) can replace the committed snapshot (before) while processes
// of the previous version still run: each way the change would break one of them is a finding that names the
// module, the method or message, and the field.
//
// THE RULES, and why each goes the way it goes. Data flows from a writer to a reader; a change is safe when
// every value the writer may now send is one the reader accepts.
//
// - Port method, input (the arguments). Old callers write, the new module reads: the new input must accept all
//   that old callers send. So it breaks when a parameter or field is added as required or made required (old
//   callers do not send it), when a type is narrowed (an enum value or union member removed, string to a
//   literal, number to integer: old callers may send what is no longer accepted), and when a parameter or
//   field is removed (old callers still send it, and the new module would silently ignore what they asked
//   for). Adding an optional parameter or field is safe.
// - Port method, answer. The new module writes, old callers read: the new answer must be one old callers can
//   read. So it breaks when a field is removed or made optional (old callers expect it) or a type is widened
//   (an enum value or union member added, a literal to string, integer to number: old callers meet values
//   they do not know). Adding a field is safe: old callers ignore it.
// - A method removed breaks old callers, who still call it. Adding one is safe.
// - Message payload. Both ways, because a message outlives the process that wrote it: during a rolling
//   upgrade an old producer's messages reach new consumers and a new producer's reach old ones, and either can
//   sit in an outbox or among the dead letters, to be delivered or replayed later. So anything the input rule
//   or the answer rule rejects is rejected here; only an optional field may be added.
// - A message a module sent and no longer sends breaks old consumers, which wait for it; a message a module
//   handled and no longer handles breaks old producers, which still send it, and it would be dead-lettered.
//   Handling a new message (or a new version of one) is safe.
// - Sending a new message or version to a consumer breaks the consumer's old processes if they do not handle
//   it: they would dead-letter it. It is safe once the consumer's snapshot says it handles it (then every
//   process of the consumer's previous version does), or when it travels in one envelope with a version the
//   consumer's old processes handle (MessageVersions: they read that one).
//
// A breaking change is made as a new method, or a new version of the message (a new class with the same
// messageName and the next version), beside the old one, which stays until no process that uses it runs
// (docs/versioning.md).
'use strict';

/** How each flow words a finding: who writes, who reads, and which side is the old one. */
const FLOWS = {
  input: {
    missing: 'is now required: old callers do not send it',
    values: (lost, now) => `no longer accepts ${lost}, which old callers may send (now ${now})`,
    ignored: 'was removed: old callers still send it, and it would be ignored',
  },
  answer: {
    missing: 'was removed or made optional: old callers expect it',
    values: (extra, was) => `may now be ${extra}, which old callers do not expect (was ${was})`,
  },
  toOldConsumers: {
    missing: 'was removed or made optional: old consumers expect it',
    values: (extra, was) => `may now be ${extra}, which old consumers do not expect (was ${was})`,
  },
  fromOldProducers: {
    missing: 'is now required: messages from old producers lack it',
    values: (lost, now) => `no longer accepts ${lost}, which old producers send (now ${now})`,
  },
};

/**
 * The breaking changes from `before` to `after` (two snapshots of one module), each
 * { module, subject, field, problem }, and the compatible ones, each { module, subject, change }.
 */
function compare(before, after) {
  const module = after.module;
  const breaking = [];
  const compatible = [];
  const old = new Side(before);
  const now = new Side(after);

  for (const name of union(before.methods, after.methods)) {
    const subject = `${after.port || before.port}.${name}`;
    const report = (field, problem) => breaking.push({ module, subject, field, problem });
    const [was, is] = [before.methods[name], after.methods[name]];
    if (!is) report('', 'the method was removed: old callers still call it');
    else if (!was) compatible.push({ module, subject, change: 'added' });
    else {
      const count = breaking.length;
      compareArguments(old, was.input, now, is.input, report);
      readable(now, is.answer, old, was.answer, 'answer', FLOWS.answer, report);
      if (breaking.length === count && old.text(was) !== now.text(is)) compatible.push({ module, subject, change: 'changed compatibly' });
    }
  }

  for (const key of union({ ...before.sends, ...before.consumes }, { ...after.sends, ...after.consumes })) {
    const report = (field, problem) => breaking.push({ module, subject: key, field, problem });
    const count = breaking.length;
    if (before.sends[key] && !after.sends[key]) report('', 'is no longer sent: old consumers wait for it');
    if (before.consumes[key] && !after.consumes[key]) report('', 'is no longer handled: old producers still send it, and it would be dead-lettered');
    const [was, is] = [before.sends[key] || before.consumes[key], after.sends[key] || after.consumes[key]];
    if (was && is) {
      readable(now, is.payload, old, was.payload, 'payload', FLOWS.toOldConsumers, report);
      readable(old, was.payload, now, is.payload, 'payload', FLOWS.fromOldProducers, report);
    }
    if (breaking.length > count) continue;
    if (!before.sends[key] && after.sends[key]) compatible.push({ module, subject: key, change: 'now sent' });
    if (!before.consumes[key] && after.consumes[key]) compatible.push({ module, subject: key, change: 'now handled' });
    if (was && is && old.text(was.payload) !== now.text(is.payload)) compatible.push({ module, subject: key, change: 'payload changed compatibly' });
  }
  return { breaking, compatible };
}

/**
 * The messages each module now sends that a consumer of the previous version would not know: each a
 * breaking finding, like compare's. `before` and `after` map each module's name to its snapshot.
 */
function compareDeliveries(before, after) {
  const breaking = [];
  for (const [module, now] of after) {
    const was = before.get(module) || { sends: {} };
    for (const [key, sent] of Object.entries(now.sends)) {
      if (was.sends[key]) continue;
      for (const consumer of sent.to) {
        const old = before.get(consumer);
        // a consumer with no snapshot yet has no process of a previous version
        if (!old || old.consumes[key]) continue;
        const readable = (sent.with || []).some((v) => v < sent.version && old.consumes[`${sent.name}@v${v}`] && (now.sends[`${sent.name}@v${v}`] || { to: [] }).to.includes(consumer));
        if (readable) continue;
        breaking.push({
          module,
          subject: key,
          field: `sent to ${consumer}`,
          problem: `old ${consumer} processes do not handle it and would dead-letter it: send it in one envelope with a version they handle (MessageVersions), or once the snapshot of ${consumer} handles it`,
        });
      }
    }
  }
  return breaking;
}

/** The arguments, by position: a parameter is known by where it stands in the call, not by its name. */
function compareArguments(old, was, now, is, report) {
  const count = Math.max(was.prefixItems.length, is.prefixItems.length);
  for (let i = 0; i < count; i++) {
    const [before, after] = [was.prefixItems[i], is.prefixItems[i]];
    const label = `parameter ${i + 1} (${(after || before).title})`;
    if (!after) report(label, FLOWS.input.ignored);
    else if (!before) {
      if (i < is.minItems) report(label, 'was added as required: old callers do not pass it');
    } else {
      if (i < is.minItems && i >= was.minItems) report(label, 'is now required: old callers may leave it out');
      readable(old, before, now, after, label, FLOWS.input, report, true);
    }
  }
}

/**
 * Reports each way a value of `writer`'s schema may fail to be read by `reader`'s: values it does not accept,
 * fields it requires that the writer may leave out and, with `ignoring`, fields the writer sends that the
 * reader no longer knows.
 */
function readable(writerSide, writer, readerSide, reader, field, flow, report, ignoring = false) {
  const readerAlternatives = readerSide.alternatives(reader);
  const lost = [];
  for (const w of writerSide.alternatives(writer)) {
    const r = readerAlternatives.find((candidate) => accepts(candidate, w));
    if (!r) lost.push(w);
    else if (w.kind === 'object' && r.kind === 'object') readableObject(writerSide, w.schema, readerSide, r.schema, field, flow, report, ignoring);
    else if (w.kind === 'array' && r.kind === 'array') readable(writerSide, w.schema.items, readerSide, r.schema.items, `${field}[]`, flow, report, ignoring);
  }
  if (lost.length) report(field, flow.values(lost.map(describe).join(' | '), readerAlternatives.map(describe).join(' | ')));
}

function readableObject(writerSide, writer, readerSide, reader, field, flow, report, ignoring) {
  const at = (name) => (field ? `${field}.${name}` : name);
  for (const name of Object.keys(reader.properties || {}).sort()) {
    const required = (reader.required || []).includes(name);
    const written = (writer.properties || {})[name];
    if (required && !(written && (writer.required || []).includes(name))) report(at(name), flow.missing);
    else if (written) readable(writerSide, written, readerSide, reader.properties[name], at(name), flow, report, ignoring);
  }
  if (!ignoring || reader.additionalProperties) return;
  for (const name of Object.keys(writer.properties || {}).sort()) {
    if (!(name in (reader.properties || {}))) report(at(name), flow.ignored);
  }
}

/** Whether the reader's alternative `r` accepts every value of the writer's alternative `w` (objects and arrays by kind). */
function accepts(r, w) {
  if (r.kind === 'any') return true;
  if (w.kind === 'any') return false;
  if (w.kind === 'literal') {
    if (r.kind === 'literal') return r.value === w.value;
    const type = typeof w.value;
    if (type === 'number') return r.kind === 'number' || (r.kind === 'integer' && Number.isInteger(w.value));
    return r.kind === type;
  }
  if (w.kind === 'integer') return r.kind === 'integer' || r.kind === 'number';
  return r.kind === w.kind;
}

function describe(alternative) {
  switch (alternative.kind) {
    case 'literal':
      return JSON.stringify(alternative.value).replace(/^"(.*)"$/, "'$1'");
    case 'any':
      return 'anything';
    case 'object':
    case 'array':
      return `an ${alternative.kind}`;
    case 'null':
      return 'null';
    default:
      return `any ${alternative.kind}`;
  }
}

/** One snapshot's schemas, with its $defs to resolve references against. */
class Side {
  constructor(snapshot) {
    this.defs = snapshot.$defs || {};
  }

  resolve(schema) {
    for (let seen = 0; schema && schema.$ref; seen++) {
      if (seen > 100) throw new Error(`${schema.$ref} refers to itself`);
      schema = this.defs[decodeURIComponent(schema.$ref.replace('#/$defs/', ''))];
    }
    return schema || {};
  }

  /** The union members of a schema, each { kind, value | schema }: anyOf and enum flattened. */
  alternatives(schema) {
    const s = this.resolve(schema);
    if (s.anyOf) return s.anyOf.flatMap((member) => this.alternatives(member));
    if ('const' in s) return [{ kind: 'literal', value: s.const }];
    if (s.enum) return s.enum.map((value) => ({ kind: 'literal', value }));
    if (['string', 'number', 'integer', 'boolean', 'null'].includes(s.type)) return [{ kind: s.type }];
    if (s.type === 'object' || s.type === 'array') return [{ kind: s.type, schema: s }];
    return [{ kind: 'any' }];
  }

  /** A schema with every reference written out: two sides' schemas compare as text. */
  text(schema) {
    const expand = (value, depth) => {
      if (depth > 50) return '…';
      if (Array.isArray(value)) return value.map((v) => expand(v, depth + 1));
      if (value === null || typeof value !== 'object') return value;
      const own = value.$ref ? { ...this.resolve(value), ...value, $ref: undefined } : value;
      return Object.fromEntries(Object.keys(own).filter((k) => own[k] !== undefined).sort().map((k) => [k, expand(own[k], depth + 1)]));
    };
    return JSON.stringify(expand(schema, 0));
  }
}

function union(a, b) {
  return [...new Set([...Object.keys(a || {}), ...Object.keys(b || {})])].sort();
}

module.exports = { compare, compareDeliveries };
