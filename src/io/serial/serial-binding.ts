// The binding contract of `@serialport/bindings-interface` 1.2.2, restated: that package's `exports` map has no
// `types` condition, so TypeScript's bundler resolution cannot see its declarations (Deno's can, and checks these
// against them). Types only.

/** What `@serialport/stream` passes to `open()`. */
export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  lock?: boolean;
  stopBits?: 1 | 1.5 | 2;
  parity?: string;
  rtscts?: boolean;
  xon?: boolean;
  xoff?: boolean;
  xany?: boolean;
  hupcl?: boolean;
}

/**
 * One open port. A pending `read` must reject with `canceled: true` when the port is closed; any other rejection is
 * a disconnect.
 */
export interface SerialBindingPort {
  readonly openOptions: Required<SerialOpenOptions>;
  isOpen: boolean;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: { brk?: boolean; cts?: boolean; dsr?: boolean; dtr?: boolean; rts?: boolean }): Promise<void>;
  get(): Promise<{ cts: boolean; dsr: boolean; dcd: boolean }>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

/** A port as `list()` describes it; only `path` is guaranteed. */
export interface SerialPortInfo {
  path: string;
  manufacturer: string | undefined;
  serialNumber: string | undefined;
  pnpId: string | undefined;
  locationId: string | undefined;
  productId: string | undefined;
  vendorId: string | undefined;
}

/** Opens ports: our `TtyBinding`, or `@serialport/binding-mock` in tests. */
export interface SerialBinding {
  list(): Promise<SerialPortInfo[]>;
  open(options: SerialOpenOptions): Promise<SerialBindingPort>;
}
