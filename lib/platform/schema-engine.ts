/**
 * Prisma's schema engine (the part of `prisma migrate` that computes schema
 * diffs), run from its WebAssembly build so that migrations can be authored on
 * machines where the Prisma CLI cannot download its native engine.
 *
 * Node-only (CLI and tests); never import it from app code.
 *
 * How it is loaded: `node_modules/prisma/build/schema_engine_bg.wasm` (the
 * engine build that ships with the installed CLI) is compiled and instantiated
 * by hand; the wasm-bindgen JS glue it expects (`./schema_engine_bg.js`, not
 * shipped inside `prisma`) is re-implemented in `createGlue()` below. The
 * import names carry wasm-bindgen hashes, so a Prisma upgrade that changes the
 * bindings fails loudly at load time, naming the imports that are missing.
 *
 * The engine talks to PostgreSQL through `@prisma/adapter-pg`, wrapped to work
 * around two problems of that adapter seen with the schema engine:
 * - it cannot decode PostgreSQL's internal `"char"` type (oid 18, used all
 *   over the catalogs); result columns of that type are relabelled as `bpchar`
 *   before the adapter maps them;
 * - its `connectToShadowDb()` drops the shadow database while its own pool is
 *   still connected (so the drop fails), never releases the main pool, and
 *   ignores the database name when the config is a connection string. We
 *   provide our own: a `tunecost_shadow_<random>` database is created on the
 *   server of `shadowDatabaseUrl` and dropped (WITH (FORCE)) once the engine
 *   disposes of it, or at the latest on `close()`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type IsolationLevel,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

/* ------------------------------------------------------------------------ */
/* Engine API types (subset of @prisma/schema-engine-wasm's d.ts)            */
/* ------------------------------------------------------------------------ */

interface SchemaFile {
  path: string;
  content: string;
}

interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: "ok"; value: string } | { tag: "error"; value: string } };
  }[];
}

type DiffTarget =
  | { tag: "empty" }
  | ({ tag: "schemaDatamodel" } & { files: SchemaFile[] })
  | ({ tag: "migrations" } & MigrationList);

interface DiffParams {
  from: DiffTarget;
  to: DiffTarget;
  script: boolean;
  exitCode: boolean | null;
  filters: { externalTables: string[]; externalEnums: string[] };
}

interface DiffResult {
  exitCode: number;
  stdout: string | null;
}

/** Raised for anything that goes wrong inside or around the schema engine. */
export class SchemaEngineError extends Error {
  constructor(
    message: string,
    /** The engine's recent log lines (JSON strings), most recent last. */
    readonly engineLog: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SchemaEngineError";
  }
}

/* ------------------------------------------------------------------------ */
/* WASM loading + hand-written wasm-bindgen glue                             */
/* ------------------------------------------------------------------------ */

/** Message holder the engine writes its panic message into (wasm-bindgen import `set_message`). */
class PanicRegistry {
  message = "";
  get(): string {
    return this.message;
  }
  set_message(value: string): void {
    this.message = `RuntimeError: ${value}`;
  }
}

type PanicRegistryLike = { get(): string; set_message(value: string): void };
const g = globalThis as typeof globalThis & { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistryLike };
function panicRegistry(): PanicRegistryLike {
  // Prisma's own CLI code defines the same global; reuse it when present.
  g.PRISMA_WASM_PANIC_REGISTRY ??= new PanicRegistry();
  return g.PRISMA_WASM_PANIC_REGISTRY;
}

const require = createRequire(import.meta.url);

/** Absolute path of the schema engine wasm shipped with the installed `prisma` CLI. */
export function schemaEngineWasmPath(): string {
  return join(dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm");
}

let compiled: Promise<WebAssembly.Module> | undefined;
function compileEngine(): Promise<WebAssembly.Module> {
  compiled ??= fs
    .readFile(schemaEngineWasmPath())
    .then((bytes) => WebAssembly.compile(bytes))
    .catch((e: unknown) => {
      compiled = undefined;
      throw new SchemaEngineError(`could not load ${schemaEngineWasmPath()}: ${(e as Error).message}`, [], { cause: e });
    });
  return compiled;
}

// The wasm exports we call (names as emitted by wasm-bindgen for this build).
const CLOSURE_INVOKE_1 =
  "wasm_bindgen_353b96ef71864b03___convert__closures_____invoke___wasm_bindgen_353b96ef71864b03___JsValue_____";
const CLOSURE_INVOKE_2 =
  "wasm_bindgen_353b96ef71864b03___convert__closures_____invoke___wasm_bindgen_353b96ef71864b03___JsValue__wasm_bindgen_353b96ef71864b03___JsValue_____";
const CLOSURE_DESTROY =
  "wasm_bindgen_353b96ef71864b03___closure__destroy___dyn_core_9b3796e30d99ddb7___ops__function__FnMut__wasm_bindgen_353b96ef71864b03___JsValue____Output_______";

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyFn = (...args: any[]) => any;

interface EngineExports {
  memory: WebAssembly.Memory;
  __wbindgen_externrefs: WebAssembly.Table;
  __wbindgen_malloc: (size: number, align: number) => number;
  __wbindgen_realloc: (ptr: number, oldSize: number, newSize: number, align: number) => number;
  __wbindgen_free: (ptr: number, size: number, align: number) => void;
  __wbindgen_exn_store: (idx: number) => void;
  __externref_table_alloc: () => number;
  __wbindgen_start: () => void;
  __wbg_schemaengine_free: (ptr: number, flag: number) => void;
  schemaengine_new: (options: unknown, callback: unknown, adapter: unknown) => Promise<RawEngine>;
  schemaengine_diff: (ptr: number, params: unknown) => Promise<unknown>;
  version: () => [number, number];
  [name: string]: unknown;
}

/** JS-side handle of a Rust `SchemaEngine` (what the glue hands back from `schemaengine_new`). */
interface RawEngine {
  ptr: number;
}

interface Glue {
  imports: Record<string, AnyFn>;
  bind(exports: EngineExports): void;
  readString(ptr: number, len: number): string;
  /**
   * Called when Rust panics inside a callback JS invoked (a resolved promise,
   * a microtask): there is no caller to throw to, the pending engine call would
   * never settle, and the exception would crash the process instead.
   */
  onPanic: (error: WebAssembly.RuntimeError) => void;
}

/**
 * The `./schema_engine_bg.js` module the wasm imports, written against the
 * wasm-bindgen ABI (externref tables, `WASM_VECTOR_LEN` out-parameter for
 * strings, `(a, b)` closure state pairs). One glue per wasm instance.
 */
function createGlue(): Glue {
  let wasm!: EngineExports;
  const glue = {} as Glue;
  let u8: Uint8Array | null = null;
  let dv: DataView | null = null;
  let vectorLen = 0;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  const encoder = new TextEncoder();

  const mem8 = () => {
    if (u8 === null || u8.byteLength === 0) u8 = new Uint8Array(wasm.memory.buffer);
    return u8;
  };
  const memDV = () => {
    if (dv === null || dv.buffer !== wasm.memory.buffer) dv = new DataView(wasm.memory.buffer);
    return dv;
  };
  const readString = (ptr: number, len: number) => decoder.decode(mem8().subarray(ptr >>> 0, (ptr >>> 0) + len));
  const bytesView = (ptr: number, len: number) => mem8().subarray(ptr >>> 0, (ptr >>> 0) + len);
  const passString = (s: string): number => {
    const buf = encoder.encode(s);
    const ptr = wasm.__wbindgen_malloc(buf.length, 1) >>> 0;
    mem8().set(buf, ptr);
    vectorLen = buf.length;
    return ptr;
  };
  /** Writes an optional (ptr, len) string pair into the return slot at `retptr`. */
  const writeStringRet = (retptr: number, s: string | undefined) => {
    const ptr = s === undefined ? 0 : passString(s);
    const len = s === undefined ? 0 : vectorLen;
    memDV().setInt32(retptr + 4, len, true);
    memDV().setInt32(retptr, ptr, true);
  };
  const addRef = (obj: unknown): number => {
    const idx = wasm.__externref_table_alloc();
    wasm.__wbindgen_externrefs.set(idx, obj);
    return idx;
  };
  /** Imports marked `catch` in Rust: a JS exception is handed to the engine instead of unwinding through wasm. */
  const catching =
    (f: AnyFn): AnyFn =>
    (...args: any[]) => {
      try {
        return f(...args);
      } catch (e) {
        wasm.__wbindgen_exn_store(addRef(e));
      }
    };
  const debugString = (val: unknown): string => {
    const t = typeof val;
    if (t === "number" || t === "boolean" || val == null) return `${String(val)}`;
    if (t === "string") return `"${val as string}"`;
    if (t === "symbol") return (val as symbol).description == null ? "Symbol" : `Symbol(${(val as symbol).description})`;
    if (t === "function") return (val as AnyFn).name ? `Function(${(val as AnyFn).name})` : "Function";
    if (Array.isArray(val)) return `[${val.map(debugString).join(", ")}]`;
    if (val instanceof Error) return `${val.name}: ${val.message}\n${val.stack ?? ""}`;
    const className = /\[object ([^\]]+)\]/.exec(Object.prototype.toString.call(val))?.[1] ?? "Object";
    if (className === "Object") {
      try {
        return `Object(${JSON.stringify(val)})`;
      } catch {
        return "Object";
      }
    }
    return className;
  };

  // Rust closures handed to JS (`Closure<dyn FnMut(JsValue)>`): ref-counted, destroyed when JS unrefs them.
  const closureDtors = new FinalizationRegistry<{ a: number; b: number }>((s) => {
    if (s.a !== 0) (wasm[CLOSURE_DESTROY] as AnyFn)(s.a, s.b);
  });
  const makeMutClosure = (a0: number, b: number) => {
    const state = { a: a0, b, cnt: 1 };
    const real = Object.assign(
      (arg: unknown) => {
        state.cnt++;
        const a = state.a;
        state.a = 0;
        try {
          return (wasm[CLOSURE_INVOKE_1] as AnyFn)(a, state.b, arg);
        } catch (e) {
          if (!(e instanceof WebAssembly.RuntimeError)) throw e;
          glue.onPanic(e);
        } finally {
          state.a = a;
          real._wbg_cb_unref();
        }
      },
      {
        _wbg_cb_unref: () => {
          if (--state.cnt === 0) {
            (wasm[CLOSURE_DESTROY] as AnyFn)(state.a, state.b);
            state.a = 0;
            closureDtors.unregister(state);
          }
        },
      },
    );
    closureDtors.register(real, state, state);
    return real;
  };

  const instanceOf = (ctor: abstract new (...args: any[]) => unknown) => (x: unknown) => {
    try {
      return x instanceof ctor;
    } catch {
      return false;
    }
  };

  const imports: Record<string, AnyFn> = {
    // --- values and type checks
    __wbg_Error_e83987f665cf5504: (p: number, l: number) => Error(readString(p, l)),
    __wbg_Number_bb48ca12f395cd08: (x: unknown) => Number(x),
    __wbg_String_8f0eb39a4a4c2f66: (ret: number, x: unknown) => writeStringRet(ret, String(x)),
    __wbg___wbindgen_bigint_get_as_i64_f3ebc5a755000afd: (ret: number, v: unknown) => {
      const ok = typeof v === "bigint";
      memDV().setBigInt64(ret + 8, ok ? v : 0n, true);
      memDV().setInt32(ret, ok ? 1 : 0, true);
    },
    __wbg___wbindgen_boolean_get_6d5a1ee65bab5f68: (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : 0xffffff),
    __wbg___wbindgen_debug_string_df47ffb5e35e6763: (ret: number, v: unknown) => writeStringRet(ret, debugString(v)),
    __wbg___wbindgen_in_bb933bd9e1b3bc0f: (k: PropertyKey, o: object) => k in o,
    __wbg___wbindgen_is_bigint_cb320707dcd35f0b: (v: unknown) => typeof v === "bigint",
    __wbg___wbindgen_is_function_ee8a6c5833c90377: (v: unknown) => typeof v === "function",
    __wbg___wbindgen_is_object_c818261d21f283a4: (v: unknown) => typeof v === "object" && v !== null,
    __wbg___wbindgen_is_string_fbb76cb2940daafd: (v: unknown) => typeof v === "string",
    __wbg___wbindgen_is_undefined_2d472862bd29a478: (v: unknown) => v === undefined,
    __wbg___wbindgen_jsval_eq_6b13ab83478b1c50: (a: unknown, b: unknown) => a === b,
    // eslint-disable-next-line eqeqeq
    __wbg___wbindgen_jsval_loose_eq_b664b38a2f582147: (a: unknown, b: unknown) => a == b,
    __wbg___wbindgen_number_get_a20bf9b85341449d: (ret: number, v: unknown) => {
      const ok = typeof v === "number";
      memDV().setFloat64(ret + 8, ok ? v : 0, true);
      memDV().setInt32(ret, ok ? 1 : 0, true);
    },
    __wbg___wbindgen_string_get_e4f06c90489ad01b: (ret: number, v: unknown) =>
      writeStringRet(ret, typeof v === "string" ? v : undefined),
    __wbg___wbindgen_throw_b855445ff6a94295: (p: number, l: number) => {
      throw new Error(readString(p, l));
    },
    __wbg_isArray_96e0af9891d0945d: (v: unknown) => Array.isArray(v),
    __wbg_isSafeInteger_d216eda7911dde36: (v: unknown) => Number.isSafeInteger(v),
    __wbg_instanceof_ArrayBuffer_70beb1189ca63b38: instanceOf(ArrayBuffer),
    __wbg_instanceof_Map_8579b5e2ab5437c7: instanceOf(Map),
    __wbg_instanceof_Promise_001fdd42afa1b7ef: instanceOf(Promise),
    __wbg_instanceof_Uint8Array_20c8e73002f7af98: instanceOf(Uint8Array),
    __wbg_valueOf_9eee4828c11458ca: (v: { valueOf(): unknown }) => v.valueOf(),

    // --- objects, arrays, maps, iterators
    __wbg_new_1acc0b6eea89d040: () => ({}),
    __wbg_new_e17d9f43105b08be: () => [],
    __wbg_new_68651c719dcda04e: () => new Map(),
    __wbg_entries_e171b586f8f6bdbf: (o: object) => Object.entries(o),
    __wbg_get_7bed016f185add81: (a: unknown[], i: number) => a[i >>> 0],
    __wbg_get_ece95cf6585650d9: catching((o: any, k: PropertyKey) => o[k]),
    __wbg_get_efcb449f58ec27c2: catching((o: object, k: PropertyKey) => Reflect.get(o, k)),
    __wbg_get_with_ref_key_1dc361bd10053bfe: (o: any, k: PropertyKey) => o[k],
    __wbg_has_787fafc980c3ccdb: catching((o: object, k: PropertyKey) => Reflect.has(o, k)),
    __wbg_set_3f1d0b984ed272ed: (o: any, k: PropertyKey, v: unknown) => {
      o[k] = v;
    },
    __wbg_set_c213c871859d6500: (a: unknown[], i: number, v: unknown) => {
      a[i >>> 0] = v;
    },
    __wbg_set_907fb406c34a251d: (m: Map<unknown, unknown>, k: unknown, v: unknown) => m.set(k, v),
    __wbg_set_c2abbebe8b9ebee1: catching((o: object, k: PropertyKey, v: unknown) => Reflect.set(o, k, v)),
    __wbg_length_cdd215e10d9dd507: (a: { length: number }) => a.length,
    __wbg_length_69bca3cb64fc8748: (a: { length: number }) => a.length,
    __wbg_push_df81a39d04db858c: (a: unknown[], v: unknown) => a.push(v),
    __wbg_iterator_e5822695327a3c39: () => Symbol.iterator,
    __wbg_next_2c826fe5dfec6b6a: (it: { next: unknown }) => it.next,
    __wbg_next_020810e0ae8ebcb0: catching((it: Iterator<unknown>) => it.next()),
    __wbg_done_2042aa2670fb1db1: (r: IteratorResult<unknown>) => r.done,
    __wbg_value_692627309814bb8c: (r: IteratorResult<unknown>) => r.value,
    __wbg_call_e762c39fa8ea36bf: catching((f: AnyFn, thisArg: unknown) => f.call(thisArg)),
    __wbg_call_525440f72fbfc0ea: catching((f: AnyFn, thisArg: unknown, a: unknown) => f.call(thisArg, a)),
    __wbg_new_no_args_ee98eee5275000a4: (p: number, l: number) => new Function(readString(p, l)),

    // --- errors
    __wbg_new_a7442b4b19c1a356: (p: number, l: number) => new Error(readString(p, l)),
    __wbg_set_name_d94846a29e626702: (e: { name: string }, p: number, l: number) => {
      e.name = readString(p, l);
    },
    __wbg_set_message_f18c00fbf3b3e80e: (p: number, l: number) => panicRegistry().set_message(readString(p, l)),

    // --- bytes
    __wbg_new_5a79be3ab53b8aa5: (buf: ArrayBufferLike) => new Uint8Array(buf),
    __wbg_new_from_slice_92f4d78ca282a2d2: (p: number, l: number) => new Uint8Array(bytesView(p, l)),
    __wbg_new_with_length_01aa0dc35aa13543: (n: number) => new Uint8Array(n >>> 0),
    __wbg_subarray_480600f3d6a9f26c: (a: Uint8Array, s: number, e: number) => a.subarray(s >>> 0, e >>> 0),
    __wbg_prototypesetcall_2a6620b6922694b2: (p: number, l: number, src: Uint8Array) => {
      Uint8Array.prototype.set.call(bytesView(p, l), src);
    },

    // --- time, regexps
    __wbg_new_0_f9740686d739025c: () => new Date(),
    __wbg_getTime_14776bfb48a1bff9: (d: Date) => d.getTime(),
    __wbg_now_793306c526e2e3b6: () => Date.now(),
    __wbg_now_7fd00a794a07d388: (perf: { now(): number }) => perf.now(),
    __wbg_new_23fa8b12a239f036: (p: number, l: number, fp: number, fl: number) =>
      new RegExp(readString(p, l), readString(fp, fl)),
    __wbg_exec_fdeec61d47617356: (re: RegExp, p: number, l: number) => {
      const m = re.exec(readString(p, l));
      return m == null ? 0 : addRef(m);
    },
    __wbg_setTimeout_5d6a1d4fc51ea450: (f: () => void, ms: number) => setTimeout(f, ms >>> 0),

    // --- randomness (the `getrandom` crate's JS backend)
    __wbg_crypto_805be4ce92f1e370: (o: any) => o.crypto,
    __wbg_msCrypto_2ac4d17c4748234a: (o: any) => o.msCrypto,
    __wbg_process_5cff2739921be718: (o: any) => o.process,
    __wbg_versions_a8e5a362e1f16442: (o: any) => o.versions,
    __wbg_node_ecc8306b9857f33d: (o: any) => o.node,
    __wbg_require_0c566c6f2eef6c79: catching(() => require),
    __wbg_getRandomValues_f6a868620c8bab49: catching((c: Crypto, buf: Uint8Array) => {
      c.getRandomValues(buf);
    }),
    __wbg_randomFillSync_d3c85af7e31cf1f8: catching((c: any, buf: Uint8Array) => {
      c.randomFillSync(buf);
    }),
    __wbg_static_accessor_GLOBAL_89e1d9ac6a1b250e: () => addRef(globalThis),
    __wbg_static_accessor_GLOBAL_THIS_8b530f326a9e48ac: () => addRef(globalThis),
    __wbg_static_accessor_SELF_6fdf4b64710cc91b: () => 0,
    __wbg_static_accessor_WINDOW_b45bfc5a37f6cfa2: () => 0,

    // --- promises and closures (async Rust <-> JS)
    __wbg_new_3c3d849046688a66: (a0: number, b: number) => {
      const state = { a: a0, b };
      try {
        return new Promise((resolveFn, rejectFn) => {
          const a = state.a;
          state.a = 0;
          try {
            return (wasm[CLOSURE_INVOKE_2] as AnyFn)(a, state.b, resolveFn, rejectFn);
          } finally {
            state.a = a;
          }
        });
      } finally {
        state.a = state.b = 0;
      }
    },
    __wbg_resolve_caf97c30b83f7053: (v: unknown) => Promise.resolve(v),
    __wbg_then_4f46f6544e6b4a28: (p: Promise<unknown>, f: AnyFn) => p.then(f),
    __wbg_then_70d05cf780a18d77: (p: Promise<unknown>, f: AnyFn, r: AnyFn) => p.then(f, r),
    __wbg_queueMicrotask_6d79674585219521: (f: () => void) => queueMicrotask(f),
    __wbg_queueMicrotask_5a8a9131f3f0b37b: (o: any) => o.queueMicrotask,
    __wbg__wbg_cb_unref_2454a539ea5790d9: (f: { _wbg_cb_unref(): void }) => f._wbg_cb_unref(),
    __wbg_schemaengine_new: (ptr: number): RawEngine => ({ ptr: ptr >>> 0 }),

    // --- casts (Rust value -> JS value)
    __wbindgen_cast_2241b6af4c4b2941: (p: number, l: number) => readString(p, l), // &str
    __wbindgen_cast_4625c577ab2ec9ee: (v: bigint) => BigInt.asUintN(64, v), // u64
    __wbindgen_cast_9ae0607507abb057: (v: bigint) => v, // i64
    __wbindgen_cast_d6cd19b81560fd6e: (v: number) => v, // f64
    __wbindgen_cast_cb9088102bce6b30: (p: number, l: number) => bytesView(p, l), // &[u8]
    __wbindgen_cast_a9993887db3ced61: (a: number, b: number) => makeMutClosure(a, b), // Closure<dyn FnMut(JsValue)>
    __wbindgen_init_externref_table: () => {
      const table = wasm.__wbindgen_externrefs;
      const offset = table.grow(4);
      table.set(0, undefined);
      table.set(offset + 0, undefined);
      table.set(offset + 1, null);
      table.set(offset + 2, true);
      table.set(offset + 3, false);
    },
  };

  return Object.assign(glue, {
    imports,
    bind(exports: EngineExports) {
      wasm = exports;
    },
    readString,
    onPanic(e: WebAssembly.RuntimeError) {
      throw e;
    },
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const GLUE_MODULE = "./schema_engine_bg.js";

interface EngineInstance {
  exports: EngineExports;
  glue: Glue;
}

/** A fresh wasm instance (one per session: a panic poisons an instance, and memory is released with it). */
async function instantiateEngine(): Promise<EngineInstance> {
  panicRegistry();
  const module = await compileEngine();
  const glue = createGlue();
  const wanted = WebAssembly.Module.imports(module);
  const missing = wanted.filter((i) => i.module !== GLUE_MODULE || !(i.name in glue.imports)).map((i) => `${i.module}:${i.name}`);
  const exportNames = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missingExports = [CLOSURE_INVOKE_1, CLOSURE_INVOKE_2, CLOSURE_DESTROY, "schemaengine_new", "schemaengine_diff"].filter(
    (n) => !exportNames.has(n),
  );
  if (missing.length > 0 || missingExports.length > 0) {
    throw new SchemaEngineError(
      `${schemaEngineWasmPath()} does not match the wasm-bindgen glue in lib/platform/schema-engine.ts ` +
        `(was the prisma package upgraded?). Unknown imports: ${missing.join(", ") || "none"}; ` +
        `missing exports: ${missingExports.join(", ") || "none"}. Compare with schema_engine_bg.js of ` +
        `@prisma/schema-engine-wasm at the engines version of the installed prisma CLI.`,
    );
  }
  const instance = await WebAssembly.instantiate(module, { [GLUE_MODULE]: glue.imports });
  const exports = instance.exports as unknown as EngineExports;
  glue.bind(exports);
  exports.__wbindgen_start();
  return { exports, glue };
}

/** Version string of the wasm schema engine (e.g. `8.1.0-1.<engine commit>`). */
export async function schemaEngineVersion(): Promise<string> {
  const { exports, glue } = await instantiateEngine();
  const [ptr, len] = exports.version();
  try {
    return glue.readString(ptr, len);
  } finally {
    exports.__wbindgen_free(ptr, len, 1);
  }
}

/* ------------------------------------------------------------------------ */
/* PostgreSQL adapter factory for the engine                                 */
/* ------------------------------------------------------------------------ */

const PG_CHAR_OID = 18; // PostgreSQL's internal single-byte `"char"`
const PG_BPCHAR_OID = 1042; // `character(n)`: the adapter accepts it (as Text)

/**
 * Which result columns of the current `queryRaw` call were `"char"`. The pg
 * layer (below the adapter) records them here; the adapter layer (above it)
 * then reports them as `Character`, which is what the engine reads catalog
 * columns such as `pg_constraint.contype` as.
 */
const charColumns = new AsyncLocalStorage<{ indices: number[] }>();

type FieldLike = { dataTypeID: number };
function relabelCharColumns<T>(result: T, store: { indices: number[] } | undefined): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const fields = (r as { fields?: FieldLike[] } | null)?.fields;
    if (!Array.isArray(fields)) continue;
    fields.forEach((f, i) => {
      if (f.dataTypeID !== PG_CHAR_OID) return;
      f.dataTypeID = PG_BPCHAR_OID;
      if (results.length === 1) store?.indices.push(i);
    });
  }
  return result;
}

type QueryFn = (...args: unknown[]) => unknown;
function patchQuery(target: { query: QueryFn }): void {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const store = charColumns.getStore();
    const out = original(...args);
    return out instanceof Promise ? out.then((r: unknown) => relabelCharColumns(r, store)) : out;
  };
}

/** Makes `queryRaw` of an adapter or transaction report `"char"` columns as `Character`. */
function patchQueryRaw<T extends SqlQueryable>(q: T): T {
  const original = q.queryRaw.bind(q);
  q.queryRaw = (query: SqlQuery) => {
    const store = { indices: [] as number[] };
    return charColumns.run(store, async () => {
      const rs = await original(query);
      for (const i of store.indices) rs.columnTypes[i] = ColumnTypeEnum.Character;
      return rs;
    });
  };
  return q;
}

/**
 * The stock `executeScript` splits the script on every `;` (even inside
 * strings and `$$` function bodies). Send it whole instead, as one
 * simple-protocol query, like the native engine and our migration runner do.
 */
async function executeWholeScript(pool: pg.Pool, script: string): Promise<void> {
  try {
    await pool.query(script);
  } catch (e) {
    if (e instanceof pg.DatabaseError) {
      throw new DriverAdapterError({
        kind: "postgres",
        code: e.code ?? "",
        severity: e.severity ?? "ERROR",
        message: e.message,
        detail: e.detail,
        column: e.column,
        hint: e.hint,
      });
    }
    throw e;
  }
}

function patchAdapter(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  patchQueryRaw(adapter);
  adapter.executeScript = (script: string) => executeWholeScript(pool, script);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: IsolationLevel) => patchQueryRaw(await startTransaction(isolationLevel));
  return adapter;
}

/** A pg pool whose query results never report the `"char"` type (see the file comment). */
function enginePool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 1_000 });
  pool.on("error", () => {}); // idle-client errors (e.g. the server going away) must not crash the CLI
  const patched = new WeakSet<object>();
  pool.on("connect", (client) => {
    if (patched.has(client)) return;
    patched.add(client);
    patchQuery(client as unknown as { query: QueryFn });
  });
  patchQuery(pool as unknown as { query: QueryFn });
  return pool;
}

function withDatabase(url: string, database: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SchemaEngineError("shadowDatabaseUrl must be a postgres:// or postgresql:// URL with a host");
  }
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL version the engine is told about when it runs without any
 * database (pure file-to-file diffs). Matches the embedded server's major.
 */
const OFFLINE_SERVER_VERSION = { text: "PostgreSQL 15.0 (tunecost offline schema engine)", num: 150000 };

/**
 * Stands in for the main database when none was given. At start-up the engine
 * probes the main database once (does the schema exist, server version); that
 * probe is answered here, and any other use of this adapter is an error.
 */
function noDatabaseAdapter(): SqlDriverAdapter {
  const fail = async (): Promise<never> => {
    throw new SchemaEngineError(
      "the schema engine tried to query a database, but none was given (pass shadowDatabaseUrl)",
    );
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (/^SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql)) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, OFFLINE_SERVER_VERSION.text, OFFLINE_SERVER_VERSION.num]],
        };
      }
      return fail();
    },
    executeRaw: fail,
    executeScript: fail,
    startTransaction: fail,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
}

/**
 * The factory the engine gets. `connect()` (the "main" database) is only
 * needed by operations on a live database, which this module does not expose;
 * `connectToShadowDb()` creates a throw-away database next to `adminUrl`.
 */
class TunecostPgFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  /** Shadow databases created and not yet dropped. */
  readonly liveShadowDbs = new Set<string>();
  private readonly openAdapters = new Set<SqlDriverAdapter>();

  constructor(private readonly adminUrl: string | undefined) {}

  private requireAdminUrl(what: string): string {
    if (!this.adminUrl) {
      throw new SchemaEngineError(
        `the schema engine needs a database for ${what}, but no shadowDatabaseUrl was given ` +
          "(diffing from a migrations folder needs a PostgreSQL server to replay the migrations on)",
      );
    }
    return this.adminUrl;
  }

  /** Opens an adapter on its own (patched) pool and keeps track of it until it is disposed. */
  private async open(url: string, afterDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
    const pool = enginePool(url);
    const adapter = patchAdapter(await new PrismaPg(pool, { disposeExternalPool: true }).connect(), pool);
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      if (disposed) return;
      disposed = true;
      this.openAdapters.delete(adapter);
      try {
        await dispose();
      } finally {
        await afterDispose?.();
      }
    };
    this.openAdapters.add(adapter);
    return adapter;
  }

  async connect(): Promise<SqlDriverAdapter> {
    // The engine connects to the "main" database at start-up even when the
    // operation (e.g. a diff between files) never queries it.
    if (!this.adminUrl) return noDatabaseAdapter();
    return this.open(this.adminUrl);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const adminUrl = this.requireAdminUrl("a shadow database");
    const name = `tunecost_shadow_${randomBytes(6).toString("hex")}`;
    try {
      await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    } catch (e) {
      throw new SchemaEngineError(
        `could not create the shadow database ${name}: ${(e as Error).message} ` +
          "(the user of shadowDatabaseUrl needs the CREATEDB privilege)",
        [],
        { cause: e },
      );
    }
    this.liveShadowDbs.add(name);
    try {
      // Drop only after our pool to it has ended (the stock adapter does it the other way round and fails).
      return await this.open(withDatabase(adminUrl, name), () => this.dropShadowDb(name));
    } catch (e) {
      await this.dropShadowDb(name).catch(() => {});
      throw e;
    }
  }

  async dropShadowDb(name: string): Promise<void> {
    if (!this.adminUrl || !this.liveShadowDbs.has(name)) return;
    await adminQuery(this.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    this.liveShadowDbs.delete(name);
  }

  /** Releases every pool the engine left open and drops leftover shadow databases. */
  async close(): Promise<void> {
    const errors: unknown[] = [];
    for (const adapter of [...this.openAdapters]) await adapter.dispose().catch((e: unknown) => errors.push(e));
    for (const name of [...this.liveShadowDbs]) await this.dropShadowDb(name).catch((e: unknown) => errors.push(e));
    if (errors.length > 0) {
      throw new SchemaEngineError(`cleaning up after the schema engine failed: ${errors.map((e) => String(e)).join("; ")}`, [], {
        cause: errors[0],
      });
    }
  }
}

/* ------------------------------------------------------------------------ */
/* Sessions                                                                 */
/* ------------------------------------------------------------------------ */

export interface SchemaEngineSessionOptions {
  /**
   * URL of any database on a PostgreSQL server where the user may
   * `CREATE DATABASE` (e.g. `postgres://postgres@127.0.0.1:5432/postgres`).
   * Temporary `tunecost_shadow_<random>` databases are created on that server
   * and dropped again. Only needed for operations that replay migrations.
   */
  shadowDatabaseUrl?: string;
  /** Initial datamodel(s) for the engine; optional. */
  schemaFiles?: SchemaFile[];
  /** Receives the engine's log lines (JSON strings). */
  onLog?: (line: string) => void;
}

export interface SchemaEngineSession {
  /** Raw engine `diff`. */
  diff(params: DiffParams): Promise<DiffResult>;
  /** Frees the engine, ends every pg pool and drops leftover shadow databases. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const LOG_KEEP = 50;

export async function openSchemaEngine(opts: SchemaEngineSessionOptions = {}): Promise<SchemaEngineSession> {
  const { exports, glue } = await instantiateEngine();
  const factory = new TunecostPgFactory(opts.shadowDatabaseUrl);
  const boundFactory = bindMigrationAwareSqlAdapterFactory(factory);
  const recentLog: string[] = [];
  const onLog = (line: unknown) => {
    const s = typeof line === "string" ? line : JSON.stringify(line);
    recentLog.push(s);
    if (recentLog.length > LOG_KEEP) recentLog.shift();
    opts.onLog?.(s);
  };
  let poisoned = false;

  const wrapError = (what: string, e: unknown): SchemaEngineError => {
    if (e instanceof SchemaEngineError) return e;
    if (e instanceof WebAssembly.RuntimeError) {
      poisoned = true;
      const panic = panicRegistry().get();
      return new SchemaEngineError(`schema engine panicked during ${what}: ${panic || e.message}`, [...recentLog], { cause: e });
    }
    // Errors thrown by our adapter code reach the engine as "External error id#N"; recover the original.
    const external = e instanceof Error ? /External error id#(\d+)/.exec(e.message) : null;
    const original = external ? boundFactory.errorRegistry.consumeError(Number(external[1]))?.error : undefined;
    if (original instanceof SchemaEngineError) return original;
    if (original !== undefined) e = original;
    const message = e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
    return new SchemaEngineError(`schema engine ${what} failed: ${message}`, [...recentLog], { cause: e });
  };

  // Settles (rejects) only if the engine panics in a callback; raced against every engine call.
  const panicked = new Promise<never>((_, reject) => {
    glue.onPanic = (e) => reject(wrapError("an engine call", e));
  });
  panicked.catch(() => {});

  panicRegistry().set_message("");
  let raw: RawEngine;
  try {
    const datamodels = opts.schemaFiles?.map((f) => [f.path, f.content] as [string, string]);
    raw = await Promise.race([exports.schemaengine_new({ datamodels }, onLog, boundFactory), panicked]);
  } catch (e) {
    await factory.close().catch(() => {});
    throw wrapError("start-up", e);
  }

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      try {
        // After a panic the instance's memory may be inconsistent: just drop it.
        if (!poisoned && raw.ptr !== 0) exports.__wbg_schemaengine_free(raw.ptr, 0);
      } catch {
        // best effort: the instance is garbage once this session ends anyway
      } finally {
        raw.ptr = 0;
        await factory.close();
      }
    })();
    return closed;
  };

  return {
    async diff(params) {
      if (closed) throw new SchemaEngineError("schema engine session is closed");
      if (poisoned) throw new SchemaEngineError("schema engine session is unusable after a panic");
      try {
        return (await Promise.race([exports.schemaengine_diff(raw.ptr, params), panicked])) as DiffResult;
      } catch (e) {
        throw wrapError("diff", e);
      }
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/* ------------------------------------------------------------------------ */
/* Migrations folder + schema files                                          */
/* ------------------------------------------------------------------------ */

export const MIGRATION_LOCK_FILE = "migration_lock.toml";
export const MIGRATION_SQL_FILE = "migration.sql";

/** Reads `prisma/migrations` the way the Prisma CLI hands it to the engine. */
export async function readMigrationList(dir: string): Promise<MigrationList> {
  const baseDir = resolve(dir);
  const entries = existsSync(baseDir) ? await fs.readdir(baseDir, { withFileTypes: true }) : [];
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories: MigrationList["migrationDirectories"] = [];
  for (const name of dirs) {
    const file = join(baseDir, name, MIGRATION_SQL_FILE);
    let content: MigrationList["migrationDirectories"][number]["migrationFile"]["content"];
    try {
      content = { tag: "ok", value: await fs.readFile(file, "utf8") };
    } catch (e) {
      content = { tag: "error", value: (e as Error).message };
    }
    migrationDirectories.push({ path: name, migrationFile: { path: MIGRATION_SQL_FILE, content } });
  }
  const lockPath = join(baseDir, MIGRATION_LOCK_FILE);
  const lockContent = existsSync(lockPath) ? await fs.readFile(lockPath, "utf8") : null;
  return {
    baseDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** `schema.prisma`, or every `*.prisma` file below a schema folder. */
export async function readSchemaFiles(schemaPath: string): Promise<SchemaFile[]> {
  const abs = resolve(schemaPath);
  const stat = await fs.stat(abs);
  if (!stat.isDirectory()) return [{ path: abs, content: await fs.readFile(abs, "utf8") }];
  const names = (await fs.readdir(abs, { recursive: true })).filter((n) => n.endsWith(".prisma")).sort();
  return Promise.all(names.map(async (n) => ({ path: join(abs, n), content: await fs.readFile(join(abs, n), "utf8") })));
}

/* ------------------------------------------------------------------------ */
/* diffSchemaSql                                                             */
/* ------------------------------------------------------------------------ */

/** What the engine prints for a `script: true` diff with no changes. */
export const EMPTY_MIGRATION_MARKER = "-- This is an empty migration.";

export interface DiffSchemaSqlOptions {
  /** Start from the state the migrations in this folder produce (needs `shadowDatabaseUrl`). */
  fromMigrationsDir?: string;
  /** Start from an empty database (needs no database at all). */
  fromEmpty?: boolean;
  /** The target: `schema.prisma` (or a multi-file schema folder). */
  toSchemaPath: string;
  /** See {@link SchemaEngineSessionOptions.shadowDatabaseUrl}. */
  shadowDatabaseUrl?: string;
  onLog?: (line: string) => void;
}

/**
 * The SQL script that takes a database from the migrations folder's state (or
 * from empty) to `toSchemaPath`. Returns `""` when nothing differs (the
 * engine's "-- This is an empty migration." marker is normalised away).
 * Otherwise the script is returned exactly as the engine prints it (what
 * `prisma migrate diff --script` would write).
 */
export async function diffSchemaSql(opts: DiffSchemaSqlOptions): Promise<string> {
  if (Boolean(opts.fromEmpty) === Boolean(opts.fromMigrationsDir)) {
    throw new SchemaEngineError("diffSchemaSql: pass exactly one of fromEmpty or fromMigrationsDir");
  }
  const schemaFiles = await readSchemaFiles(opts.toSchemaPath);
  let from: DiffTarget = { tag: "empty" };
  if (opts.fromMigrationsDir) {
    const list = await readMigrationList(opts.fromMigrationsDir);
    // No migrations yet is the empty state: no shadow database needed.
    if (list.migrationDirectories.length > 0) from = { tag: "migrations", ...list };
  }
  const session = await openSchemaEngine({ shadowDatabaseUrl: opts.shadowDatabaseUrl, schemaFiles, onLog: opts.onLog });
  let result: DiffResult;
  try {
    result = await session.diff({
      from,
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: true, // 0: no difference, 2: difference
      filters: { externalTables: [], externalEnums: [] },
    });
  } finally {
    await session.close();
  }
  const sql = result.stdout ?? "";
  if (result.exitCode === 0 || sql.trim() === "" || sql.trim() === EMPTY_MIGRATION_MARKER) return "";
  return sql;
}
