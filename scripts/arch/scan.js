// Builds the module map from the sources: for each module its port, the commands and queries it handles,
// the messages it defines, publishes and consumes, and the other modules it depends on. Everything is
// found in the code (decorators, class declarations, outbox.publish calls, the events aggregates record and
// what each module's mapper turns them into, manifests, imports), nothing is
// listed by hand, and every list is sorted so that the output only changes when the code does.
'use strict';
const { ts, Sources, walk, lineOf, decoratorArgs, hasModifier, unwrap, flat } = require('./sources');

const OUTBOX_FILE = 'src/module-kit/messaging/outbox.ts';
const INBOX_FILE = 'src/module-kit/messaging/inbox.ts';
const MESSAGE_BASE_FILE = 'src/module-kit/messaging/integration-message.ts';

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const sorted = (values) => [...new Set(values)].sort();

function scan(root) {
  const src = new Sources(root);
  const moduleNames = src.moduleNames();
  const key = (file, name) => `${file}#${name}`;

  // ---- classes of the modules and the gateway, with their constructor-injected fields
  const classes = new Map();
  for (const [file, sf] of src.files) {
    const module = src.moduleOf(file);
    const inGateway = file.startsWith('src/gateway/');
    if (!module && !inGateway) continue;
    for (const statement of sf.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const info = { key: key(file, statement.name.text), name: statement.name.text, file, module, owner: module || 'gateway', node: statement, sf, fields: new Map(), methods: new Map() };
      for (const member of statement.members) {
        if (ts.isConstructorDeclaration(member)) {
          for (const param of member.parameters) {
            const isField = param.modifiers && param.modifiers.some((m) => m.kind !== ts.SyntaxKind.Decorator);
            if (isField && ts.isIdentifier(param.name) && param.type && ts.isTypeReferenceNode(param.type)) {
              info.fields.set(param.name.text, param.type.typeName.getText(sf));
            }
          }
        } else if (ts.isMethodDeclaration(member) && member.body && member.name && ts.isIdentifier(member.name)) {
          info.methods.set(member.name.text, member);
        } else if (ts.isPropertyDeclaration(member) && member.initializer && ts.isIdentifier(member.name) &&
          (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))) {
          info.methods.set(member.name.text, member.initializer);
        }
      }
      classes.set(info.key, info);
    }
  }

  /** The declaration a class name in `file` stands for, as a key, or undefined. */
  const classKeyOf = (file, name) => {
    const found = src.lookup(file, name);
    return found && found.node && ts.isClassDeclaration(found.node) && found.node.name ? key(found.file, found.node.name.text) : undefined;
  };

  // ---- integration messages: classes in contracts/ that extend IntegrationMessage
  const messages = new Map();
  for (const [file, sf] of src.files) {
    const module = src.moduleOf(file);
    if (!module || !file.includes('/contracts/')) continue;
    for (const statement of sf.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      const base = extendsName(statement, sf);
      if (!base) continue;
      const target = src.lookup(file, base);
      if (!target || target.file !== MESSAGE_BASE_FILE) continue;
      messages.set(key(file, statement.name.text), {
        key: key(file, statement.name.text),
        class: statement.name.text,
        module,
        file,
        name: staticLiteral(statement, 'messageName'),
        version: staticLiteral(statement, 'version'),
        publishers: new Map(), // module -> Set(file)
        // module -> the versions of the same message it always publishes in the same argument (MessageVersions)
        publishedWith: new Map(),
        consumers: [],
      });
    }
  }
  const messageOf = (file, expr) => {
    if (!ts.isNewExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
    return messages.get(classKeyOf(file, expr.expression.text));
  };

  // ---- what each domain event becomes on the wire: the module's mapper (UnitOfWork's IntegrationEventMapper),
  // read as `if (event instanceof SomeEvent) return [new SomeMessage(...), ...]`
  const eventMessages = new Map(); // key of the domain event class -> [{ message, together, file, line }]
  for (const [file, sf] of src.files) {
    if (!src.moduleOf(file) || file.includes('/contracts/')) continue;
    walk(sf, (node) => {
      if (!ts.isIfStatement(node) || !ts.isBinaryExpression(node.expression) || node.expression.operatorToken.kind !== ts.SyntaxKind.InstanceOfKeyword) return;
      const right = node.expression.right;
      const event = ts.isIdentifier(right) && classKeyOf(file, right.text);
      if (!event) return;
      const found = [];
      walk(node.thenStatement, (n) => {
        const m = messageOf(file, n);
        if (m) found.push(m);
      });
      if (found.length === 0) return;
      const mapped = found.map((m) => ({ message: m, together: found.filter((x) => x !== m && x.name === m.name).map((x) => x.version), file, line: lineOf(sf, node) }));
      eventMessages.set(event, [...(eventMessages.get(event) || []), ...mapped]);
    });
  }
  const eventOf = (file, expr) => {
    if (!ts.isNewExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
    const k = classKeyOf(file, expr.expression.text);
    return k && eventMessages.has(k) ? k : undefined;
  };

  // ---- what the aggregates record: per module, each method of a domain class that records an event (in its
  // body or in the methods of its class it calls), by name
  const recordedByMethod = new Map(); // module -> Map(method name -> Set(event key))
  for (const cls of classes.values()) {
    if (!cls.module || !cls.file.includes('/domain/')) continue;
    const recorded = (method, stack = new Set()) => {
      const body = cls.methods.get(method);
      const events = new Set();
      if (!body || stack.has(method)) return events;
      stack.add(method);
      walk(body, (node) => {
        const event = eventOf(cls.file, node);
        if (event) events.add(event);
        // a call of another of its methods, on itself or (in a static factory) on the instance it makes
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
          for (const e of recorded(node.expression.name.text, stack)) events.add(e);
        }
      });
      return events;
    };
    if (!recordedByMethod.has(cls.module)) recordedByMethod.set(cls.module, new Map());
    const byMethod = recordedByMethod.get(cls.module);
    for (const method of cls.methods.keys()) {
      const events = recorded(method);
      if (events.size > 0) byMethod.set(method, new Set([...(byMethod.get(method) || []), ...events]));
    }
  }

  // ---- ports: the abstract class in contracts/*.port.ts, and the methods the transport forwards, from its
  //      @Forwarded({ method: 'read' | 'write', ... }) decorator
  const ports = new Map(); // module -> port
  const portByKey = new Map();
  for (const module of moduleNames) {
    for (const [file, sf] of src.files) {
      if (!file.startsWith(`src/modules/${module}/contracts/`) || !file.endsWith('.port.ts')) continue;
      for (const statement of sf.statements) {
        if (!ts.isClassDeclaration(statement) || !statement.name || !hasModifier(statement, ts.SyntaxKind.AbstractKeyword)) continue;
        const methods = statement.members
          .filter((m) => ts.isMethodDeclaration(m) && m.name && ts.isIdentifier(m.name))
          .map((m) => ({
            name: m.name.text,
            signature: `${m.name.text}(${m.parameters.map((p) => flat(p, sf)).join(', ')})${m.type ? `: ${flat(m.type, sf)}` : ''}`,
            abstract: hasModifier(m, ts.SyntaxKind.AbstractKeyword),
            line: lineOf(sf, m),
          }));
        const port = { module, name: statement.name.text, file, key: key(file, statement.name.text), methods, forwarded: undefined };
        const [kinds] = decoratorArgs(statement, 'Forwarded') || [];
        if (kinds && ts.isObjectLiteralExpression(unwrap(kinds))) {
          const entries = unwrap(kinds).properties.filter((p) => ts.isPropertyAssignment(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteralLike(p.name)));
          port.forwarded = { name: '@Forwarded', methods: entries.map((p) => p.name.text) };
        }
        if (!ports.has(module)) ports.set(module, port);
        portByKey.set(port.key, port);
      }
    }
  }

  // ---- what a field's declared type is, seen from the class that has it
  const fieldKind = (cls, field) => {
    const typeName = cls.fields.get(field);
    if (!typeName) return undefined;
    const found = src.lookup(cls.file, typeName);
    if (!found) return undefined;
    if (found.external) {
      if (found.external === '@nestjs/cqrs' && (found.name === 'CommandBus' || found.name === 'QueryBus')) return { kind: 'bus' };
      return { kind: 'external', name: found.name };
    }
    if (!found.node || !found.node.name) return undefined;
    const k = key(found.file, found.node.name.text);
    if (portByKey.has(k)) return { kind: 'port', port: portByKey.get(k) };
    if (found.file === OUTBOX_FILE) return { kind: 'outbox' };
    if (found.file === INBOX_FILE) return { kind: 'inbox' };
    if (classes.has(k)) return { kind: 'class', cls: classes.get(k) };
    return { kind: 'other', name: found.node.name.text };
  };

  // ---- command and query handlers
  const handlers = new Map(); // key of the command/query class -> handler
  for (const cls of classes.values()) {
    for (const [decorator, kind] of [['CommandHandler', 'command'], ['QueryHandler', 'query']]) {
      const args = decoratorArgs(cls.node, decorator);
      if (!args || !args[0] || !ts.isIdentifier(args[0])) continue;
      const target = classKeyOf(cls.file, args[0].text);
      handlers.set(target || `${cls.file}#${args[0].text}`, {
        kind,
        name: args[0].text,
        module: cls.module,
        handler: cls.name,
        handlerKey: cls.key,
        file: cls.file,
        startedBy: [],
      });
    }
  }
  const handledOf = (file, expr) => {
    if (!ts.isNewExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
    return handlers.get(classKeyOf(file, expr.expression.text));
  };

  /**
   * What running `cls.method` does, following calls into the module's own injected classes and private
   * methods: the messages it publishes, the other modules' port methods it calls, the commands and
   * queries it sends on the buses.
   */
  const effectsOf = (cls, method, via = [], stack = new Set()) => {
    const out = { publishes: [], calls: [], runs: [] };
    const id = `${cls.key}.${method}`;
    const body = cls.methods.get(method);
    if (!body || stack.has(id)) return out;
    stack.add(id);
    walk(body, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const callee = node.expression;
      const name = callee.name.text;
      const target = callee.expression;
      const onField = ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword;
      if (target.kind !== ts.SyntaxKind.ThisKeyword && !onField) {
        // A call on an aggregate (order.confirm(), Order.place()): the events it records go out with the unit of work.
        const events = (recordedByMethod.get(cls.module) || new Map()).get(name) || [];
        for (const event of events) {
          for (const m of eventMessages.get(event)) out.publishes.push({ message: m.message, together: m.together, via, file: m.file, line: m.line });
        }
        return;
      }
      if (target.kind === ts.SyntaxKind.ThisKeyword) {
        if (cls.methods.has(name)) merge(out, effectsOf(cls, name, via, stack));
        return;
      }
      if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
      const field = fieldKind(cls, target.name.text);
      if (!field) return;
      if (field.kind === 'outbox' && name === 'publish') {
        for (const arg of node.arguments) {
          const found = [];
          const look = (n) => {
            const m = messageOf(cls.file, n);
            if (m) found.push(m);
          };
          look(arg);
          walk(arg, look);
          for (const m of found) {
            const together = found.filter((x) => x !== m && x.name === m.name).map((x) => x.version);
            out.publishes.push({ message: m, together, via, file: cls.file, line: lineOf(cls.sf, node) });
          }
        }
      } else if (field.kind === 'port' && field.port.module !== cls.module) {
        out.calls.push({ port: field.port, method: name, via, file: cls.file, line: lineOf(cls.sf, node) });
      } else if (field.kind === 'bus') {
        for (const arg of node.arguments) {
          const h = handledOf(cls.file, unwrap(arg));
          if (h) out.runs.push(h);
        }
      } else if (field.kind === 'class' && field.cls.module === cls.module) {
        merge(out, effectsOf(field.cls, name, [...via, `${field.cls.name}.${name}`], stack));
      }
    });
    stack.delete(id);
    return out;
  };

  // ---- per module
  const model = { modules: [], gateway: { calls: [], dependsOn: [] }, messages: [] };
  for (const module of moduleNames) {
    const moduleClasses = [...classes.values()].filter((c) => c.module === module);
    const port = ports.get(module);
    const m = {
      name: module,
      port: port && {
        name: port.name,
        file: port.file,
        forwardedBy: port.forwarded ? port.forwarded.name : undefined,
        methods: port.methods.map((pm) => ({ ...pm, forwarded: Boolean(port.forwarded && port.forwarded.methods.includes(pm.name)), runs: [] })),
        unknownForwarded: port.forwarded ? port.forwarded.methods.filter((n) => !port.methods.some((pm) => pm.name === n)) : [],
      },
      commands: [],
      queries: [],
      defines: [],
      publishes: [],
      consumes: [],
      calls: [],
      dependsOn: [],
      usedBy: [],
      tables: [],
      manifest: undefined,
    };

    // the port's implementation in this module: each method sends a command or a query
    for (const cls of moduleClasses) {
      const base = extendsName(cls.node, cls.sf);
      if (!port || !base || classKeyOf(cls.file, base) !== port.key) continue;
      m.port.implementedBy = { name: cls.name, file: cls.file };
      for (const pm of m.port.methods) {
        const runs = cls.methods.has(pm.name) ? effectsOf(cls, pm.name).runs : [];
        pm.runs = sorted(runs.map((h) => h.name));
        for (const h of runs) h.startedBy.push(`port: ${pm.name}`);
      }
    }

    // inbox handlers: inbox.on(Message, handler)
    const handledBy = new Map(); // message key -> what it starts
    for (const cls of moduleClasses) {
      const inboxFields = [...cls.fields.keys()].filter((f) => (fieldKind(cls, f) || {}).kind === 'inbox');
      if (inboxFields.length === 0) continue;
      walk(cls.node, (node) => {
        if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'on') return;
        const [first, handler] = node.arguments;
        if (!first || !ts.isIdentifier(first)) return;
        const message = messages.get(classKeyOf(cls.file, first.text));
        if (!message) return;
        const starts = [];
        if (handler) {
          walk(handler, (n) => {
            const h = handledOf(cls.file, n);
            if (h) {
              starts.push(h.name);
              h.startedBy.push(`message: ${message.class}`);
            }
            if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isPropertyAccessExpression(n.expression.expression) &&
              n.expression.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
              const field = fieldKind(cls, n.expression.expression.name.text);
              if (field && field.kind === 'class') starts.push(`${field.cls.name}.${n.expression.name.text}`);
            }
          });
        }
        handledBy.set(message.key, sorted(starts));
      });
    }

    // any other class of the module that sends commands or queries itself (a scheduler, say)
    for (const cls of moduleClasses) {
      const isPortOrInbox = (m.port && m.port.implementedBy && m.port.implementedBy.name === cls.name) || [...cls.fields.keys()].some((f) => (fieldKind(cls, f) || {}).kind === 'inbox');
      if (isPortOrInbox) continue;
      for (const method of cls.methods.keys()) {
        for (const h of effectsOf(cls, method).runs) if (!h.startedBy.includes(cls.name)) h.startedBy.push(cls.name);
      }
    }

    // the manifest: what the module consumes
    const manifestFile = `src/modules/${module}/${module}.manifest.ts`;
    const manifestSf = src.get(manifestFile);
    if (manifestSf) {
      m.manifest = { file: manifestFile, name: undefined, consumes: [] };
      walk(manifestSf, (node) => {
        if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name)) return;
        const init = unwrap(node.initializer);
        if (node.name.text === 'name' && ts.isStringLiteralLike(init)) m.manifest.name = init.text;
        if (node.name.text === 'consumes' && ts.isArrayLiteralExpression(init)) {
          for (const el of init.elements) {
            if (!ts.isIdentifier(el)) continue;
            const message = messages.get(classKeyOf(manifestFile, el.text));
            if (message) {
              m.manifest.consumes.push(message.key);
              message.consumers.push(module);
            } else m.manifest.consumes.push(`?${el.text}`);
          }
        }
      });
    }

    // publishes: what the module's mapper turns its domain events into, counted in the mapper's file
    for (const mapped of [...eventMessages.values()].flat().filter((x) => src.moduleOf(x.file) === module)) {
      const { message, together, file } = mapped;
      if (!message.publishers.has(module)) message.publishers.set(module, new Set());
      message.publishers.get(module).add(file);
      const before = message.publishedWith.get(module);
      message.publishedWith.set(module, before ? before.filter((v) => together.includes(v)) : together);
    }
    // publishes and calls, class by class (direct effects only: each is counted where it is written)
    for (const cls of moduleClasses) {
      for (const method of cls.methods.keys()) {
        const direct = effectsOf(cls, method);
        for (const p of direct.publishes.filter((p) => p.via.length === 0 && p.file === cls.file)) {
          if (!p.message.publishers.has(module)) p.message.publishers.set(module, new Set());
          p.message.publishers.get(module).add(cls.file);
          const before = p.message.publishedWith.get(module);
          p.message.publishedWith.set(module, before ? before.filter((v) => p.together.includes(v)) : p.together);
        }
        for (const c of direct.calls.filter((c) => c.via.length === 0 && c.file === cls.file)) {
          m.calls.push({ module: c.port.module, port: c.port.name, method: c.method, from: cls.name, file: cls.file });
        }
      }
    }
    m.calls = uniqueBy(m.calls, (c) => `${c.port}.${c.method}|${c.from}`).sort((a, b) => cmp(`${a.port}.${a.method}${a.from}`, `${b.port}.${b.method}${b.from}`));

    // commands and queries with what each one does
    for (const h of [...handlers.values()].filter((x) => x.module === module)) {
      const cls = classes.get(h.handlerKey);
      // `validate`, when a handler has one, runs just before `execute`, outside the unit of work (CommandPipeline).
      const fx = effectsOf(cls, 'execute');
      merge(fx, effectsOf(cls, 'validate'));
      const entry = {
        name: h.name,
        handler: h.handler,
        file: h.file,
        startedBy: sorted(h.startedBy),
        publishes: sorted(fx.publishes.map((p) => p.message.class)),
        calls: sorted(fx.calls.map((c) => `${c.port.name}.${c.method}${c.via.length ? ` (via ${c.via[0]})` : ''}`)),
      };
      (h.kind === 'command' ? m.commands : m.queries).push(entry);
    }
    m.commands.sort(byName);
    m.queries.sort(byName);
    m._handledBy = handledBy;
    // the messages its inbox has a handler for (the manifest lists those it asks producers to send it)
    m.handles = [...handledBy.keys()].map((k) => messages.get(k)).map((x) => ({ class: x.class, name: x.name, version: x.version, module: x.module, file: x.file }));
    m.handles.sort((a, b) => cmp(`${a.name}@${a.version}`, `${b.name}@${b.version}`));

    // tables: TypeORM entities
    for (const cls of moduleClasses) {
      const args = decoratorArgs(cls.node, 'Entity');
      if (!args) continue;
      let schema;
      let table;
      const arg = args[0] && unwrap(args[0]);
      if (arg && ts.isStringLiteralLike(arg)) table = arg.text;
      if (arg && ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || !ts.isStringLiteralLike(p.initializer)) continue;
          if (p.name.text === 'schema') schema = p.initializer.text;
          if (p.name.text === 'name') table = p.initializer.text;
        }
      }
      m.tables.push({ entity: cls.name, schema, table: table || cls.name, file: cls.file, line: lineOf(cls.sf, cls.node) });
    }
    m.tables.sort((a, b) => cmp(`${a.schema}.${a.table}`, `${b.schema}.${b.table}`));

    // the outbox, inbox and idempotency tables, made by createMessagingTables(queryRunner, '<schema>')
    for (const cls of moduleClasses) {
      walk(cls.node, (node) => {
        if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'createMessagingTables') return;
        const schema = node.arguments[1] && unwrap(node.arguments[1]);
        if (schema && ts.isStringLiteralLike(schema)) m.messagingSchemas = sorted([...(m.messagingSchemas || []), schema.text]);
      });
    }
    m.messagingSchemas = m.messagingSchemas || [];

    // dependencies: imports of other modules (which the boundaries allow only into their contracts/)
    m.dependsOn = dependencies(src, (file) => src.moduleOf(file) === module, module);
    model.modules.push(m);
  }

  // ---- the gateway: composition over the ports
  for (const cls of [...classes.values()].filter((c) => c.owner === 'gateway')) {
    for (const method of cls.methods.keys()) {
      for (const c of effectsOf(cls, method).calls) model.gateway.calls.push({ module: c.port.module, port: c.port.name, method: c.method, from: cls.name, file: cls.file });
    }
  }
  model.gateway.calls = uniqueBy(model.gateway.calls, (c) => `${c.port}.${c.method}|${c.from}`).sort((a, b) => cmp(`${a.port}.${a.method}`, `${b.port}.${b.method}`));
  model.gateway.dependsOn = dependencies(src, (file) => file.startsWith('src/gateway/'), undefined);

  // ---- messages, from the side of each module
  for (const message of [...messages.values()].sort((a, b) => cmp(a.key, b.key))) {
    const publishers = sorted([...message.publishers.keys()]);
    const consumers = sorted(message.consumers);
    const kind = publishers.includes(message.module) ? 'event' : consumers.includes(message.module) ? 'request' : 'unused';
    const flat = { class: message.class, name: message.name, version: message.version, module: message.module, file: message.file, kind, publishers, consumers };
    model.messages.push(flat);
    const owner = model.modules.find((x) => x.name === message.module);
    owner.defines.push(flat);
    for (const p of publishers) {
      const together = [...new Set(message.publishedWith.get(p))].sort((a, b) => a - b);
      model.modules.find((x) => x.name === p).publishes.push({ class: message.class, name: message.name, version: message.version, definedBy: message.module, to: consumers.filter((c) => c !== undefined), together, files: sorted([...message.publishers.get(p)]) });
    }
    for (const c of consumers) {
      const consumer = model.modules.find((x) => x.name === c);
      consumer.consumes.push({ class: message.class, name: message.name, version: message.version, definedBy: message.module, from: publishers, handledBy: consumer._handledBy.get(message.key) || [] });
    }
  }
  for (const m of model.modules) {
    delete m._handledBy;
    m.defines.sort((a, b) => cmp(a.class, b.class));
    m.publishes.sort((a, b) => cmp(a.class, b.class));
    m.consumes.sort((a, b) => cmp(a.class, b.class));
    m.usedBy = model.modules
      .filter((other) => other.dependsOn.some((d) => d.module === m.name))
      .map((other) => other.name)
      .concat(model.gateway.dependsOn.some((d) => d.module === m.name) ? ['gateway'] : []);
  }
  model.order = dependencyOrder(model.modules);
  model.sources = src;
  return model;
}

/** The imports from files matching `inside` into src/modules/<other>/, grouped by module. */
function dependencies(src, inside, self) {
  const byModule = new Map();
  for (const file of src.files.keys()) {
    if (!inside(file)) continue;
    for (const entry of src.imports(file)) {
      const target = entry.resolved && src.moduleOf(entry.resolved);
      if (!target || target === self) continue;
      if (!byModule.has(target)) byModule.set(target, { module: target, names: new Set(), files: new Set(), targets: new Set() });
      const dep = byModule.get(target);
      entry.names.forEach((n) => dep.names.add(n.imported));
      dep.files.add(file);
      dep.targets.add(entry.resolved);
    }
  }
  return [...byModule.values()]
    .map((d) => ({ module: d.module, names: sorted([...d.names]), files: sorted([...d.files]), targets: sorted([...d.targets]) }))
    .sort((a, b) => cmp(a.module, b.module));
}

/** Modules ordered so that each comes before the modules it depends on; undefined if they form a cycle. */
function dependencyOrder(modules) {
  const done = [];
  const active = new Set();
  const visit = (name) => {
    if (done.includes(name)) return true;
    if (active.has(name)) return false;
    active.add(name);
    const m = modules.find((x) => x.name === name);
    for (const d of m ? m.dependsOn : []) if (!visit(d.module)) return false;
    active.delete(name);
    done.push(name); // after everything it depends on
    return true;
  };
  for (const m of [...modules].sort(byName)) if (!visit(m.name)) return undefined;
  return done.reverse();
}

function extendsName(cls, sf) {
  for (const clause of cls.heritageClauses || []) {
    if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
    const type = clause.types[0];
    if (type && ts.isIdentifier(type.expression)) return type.expression.text;
    if (type) return type.expression.getText(sf);
  }
  return undefined;
}

function staticLiteral(cls, name) {
  for (const member of cls.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name) || member.name.text !== name) continue;
    const init = unwrap(member.initializer);
    if (init && ts.isStringLiteralLike(init)) return init.text;
    if (init && ts.isNumericLiteral(init)) return Number(init.text);
  }
  return undefined;
}

function merge(into, from) {
  into.publishes.push(...from.publishes);
  into.calls.push(...from.calls);
  into.runs.push(...from.runs);
}

function uniqueBy(items, keyOf) {
  const seen = new Map();
  for (const item of items) if (!seen.has(keyOf(item))) seen.set(keyOf(item), item);
  return [...seen.values()];
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

module.exports = { scan };
