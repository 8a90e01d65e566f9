/**
 * Loaded with `--import` into a Node child that stands in for an Electron utilityProcess: defines
 * `process.parentPort` as Electron does, ports included, over the child's IPC channel. The parent side
 * is fakeUtilityProcessFork in fake-electron.ts. Envelopes:
 *   { parent: data, portIds }   a parent-port message, with the ids of the ports it transfers
 *   { port: id, data }          a message on a transferred port (either way)
 *   { portClosed: id }          the parent's end of a transferred port was closed
 */
type Listener = (event: { data: unknown; ports?: ChildPort[] }) => void;

class ChildPort {
  private readonly listeners = new Map<string, Listener[]>();
  // Like MessagePortMain, messages wait until start().
  private started = false;
  private readonly queued: unknown[] = [];
  constructor(readonly id: number) {}
  receive(data: unknown) {
    if (this.started) this.emit('message', data);
    else this.queued.push(data);
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string, data?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener({ data });
  }
  postMessage(data: unknown) {
    process.send?.({ port: this.id, data });
  }
  start() {
    this.started = true;
    for (const data of this.queued.splice(0)) this.emit('message', data);
  }
  close() {
    process.send?.({ portClosed: this.id });
  }
}

const ports = new Map<number, ChildPort>();
const parentListeners: Listener[] = [];
// Like Electron's parent port, messages wait for the first listener (the entry registers it after loading).
const early: { data: unknown; ports: ChildPort[] }[] = [];

process.on('message', (raw) => {
  const message = raw as {
    parent?: unknown;
    portIds?: number[];
    port?: number;
    data?: unknown;
    portClosed?: number;
  };
  if (typeof message.port === 'number') {
    ports.get(message.port)?.receive(message.data);
  } else if (typeof message.portClosed === 'number') {
    ports.get(message.portClosed)?.emit('close');
    ports.delete(message.portClosed);
  } else if ('parent' in message) {
    const transferred = (message.portIds ?? []).map((id) => {
      const port = new ChildPort(id);
      ports.set(id, port);
      return port;
    });
    const event = { data: message.parent, ports: transferred };
    if (parentListeners.length === 0) early.push(event);
    for (const listener of parentListeners) listener(event);
  }
});
// As a utility process does when main goes away.
process.on('disconnect', () => process.exit(0));

Object.defineProperty(process, 'parentPort', {
  value: {
    on(_event: 'message', listener: Listener) {
      parentListeners.push(listener);
      for (const event of early.splice(0)) listener(event);
    },
    postMessage(data: unknown) {
      process.send?.({ parent: data });
    },
  },
});
