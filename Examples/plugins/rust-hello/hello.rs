//! hello.rs: the example greeting task of Plugins/HelloC, written in Rust without crates.
//!
//! The ABI structs are declared by hand with `#[repr(C)]`, from SDK/include/sluice and the sizes
//! in SDK/README.md ("Writing bindings"); the `const` assertions below fail the build if one is
//! off. Every function the host calls catches panics with `catch_unwind`: a panic must never
//! unwind into the host (that is undefined behaviour; since Rust 1.81 it aborts the process).
//!
//!     rustc --edition 2021 --crate-type cdylib -C panic=unwind -O hello.rs -o libhello_rust.so

#![allow(non_camel_case_types)]

use std::ffi::{c_char, c_void, CStr, CString};
use std::mem::{align_of, size_of};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::time::Duration;

// ---- The ABI (sluice_abi.h, sluice_host.h, sluice_plugin.h), ABI 1.1 on LP64 ----

type sluice_status = i32; // every status is an int32_t
const SLUICE_ABI_MAJOR: u32 = 1;
const SLUICE_ABI_MINOR: u32 = 1;
const SLUICE_OK: sluice_status = 0;
const SLUICE_E_INVALID_ARGUMENT: sluice_status = 1;
const SLUICE_E_FAILED: sluice_status = 4;
const SLUICE_E_CANCELED: sluice_status = 5;
const SLUICE_E_NOT_FOUND: sluice_status = 6;
const SLUICE_E_TYPE_MISMATCH: sluice_status = 7;
const SLUICE_VALUE_INT64: i32 = 2;
const SLUICE_VALUE_STRING: i32 = 4;
const SLUICE_PROPERTY_STRING: i32 = 1;
const SLUICE_PROPERTY_INT64: i32 = 2;
const SLUICE_COMPONENT_TASK: i32 = 1;
const SLUICE_ERROR_MESSAGE_SIZE: usize = 1024;

/// Opaque: only ever behind a pointer.
#[repr(C)]
pub struct sluice_context {
    _private: [u8; 0],
}

#[repr(C)]
pub struct sluice_error {
    code: i32,
    message: [c_char; SLUICE_ERROR_MESSAGE_SIZE],
}

#[repr(C)]
#[derive(Clone, Copy)]
struct sluice_bytes {
    data: *const c_char,
    length: i64,
}

#[repr(C)]
union sluice_value_as {
    boolean: i32,
    int64: i64,
    float64: f64,
    string: sluice_bytes,
    bytes: sluice_bytes,
}

#[repr(C)]
pub struct sluice_value {
    kind: i32,
    as_: sluice_value_as,
}

type ContextFn<A> = Option<unsafe extern "C" fn(*mut sluice_context, A, *const c_char)>;

#[repr(C)]
pub struct sluice_host_api {
    struct_size: u32,
    abi_major: u32,
    abi_minor: u32,
    fire_error: ContextFn<i32>,
    fire_warning: ContextFn<i32>,
    fire_information: ContextFn<i32>,
    fire_progress: ContextFn<i32>,
    fire_custom: ContextFn<*const c_char>,
    write_log: ContextFn<i32>,
    variable_get: Option<
        unsafe extern "C" fn(*mut sluice_context, *const c_char, *mut sluice_value, *mut sluice_error) -> sluice_status,
    >,
    variable_set: Option<
        unsafe extern "C" fn(*mut sluice_context, *const c_char, *const sluice_value, *mut sluice_error) -> sluice_status,
    >,
    connection_string: Option<
        unsafe extern "C" fn(*mut sluice_context, *const c_char, *mut *const c_char, *mut sluice_error) -> sluice_status,
    >,
    is_canceled: Option<unsafe extern "C" fn(*mut sluice_context) -> i32>,
    allocate: Option<unsafe extern "C" fn(u64) -> *mut c_void>,
    deallocate: Option<unsafe extern "C" fn(*mut c_void)>,
    // ABI 1.1 and later members follow; read them only when struct_size covers them.
}

#[repr(C)]
pub struct sluice_property_def {
    name: *const c_char,
    type_: i32,
    required: i32,
    default_value: *const c_char,
    description: *const c_char,
}

type CreateFn = unsafe extern "C" fn(
    *const sluice_component_def,
    *const sluice_host_api,
    *mut *mut c_void,
    *mut sluice_error,
) -> sluice_status;

#[repr(C)]
pub struct sluice_task_vtable {
    struct_size: u32,
    create: Option<CreateFn>,
    destroy: Option<unsafe extern "C" fn(*mut c_void)>,
    set_property: Option<
        unsafe extern "C" fn(*mut c_void, *const c_char, *const sluice_value, *mut sluice_error) -> sluice_status,
    >,
    validate: Option<unsafe extern "C" fn(*mut c_void, *mut sluice_context, *mut sluice_error) -> sluice_status>,
    execute: Option<
        unsafe extern "C" fn(*mut c_void, *mut sluice_context, *mut sluice_value, *mut sluice_error) -> sluice_status,
    >,
}

#[repr(C)]
pub struct sluice_component_def {
    struct_size: u32,
    kind: i32,
    id: *const c_char,
    display_name: *const c_char,
    description: *const c_char,
    version: *const c_char,
    property_count: u32,
    properties: *const sluice_property_def,
    vtable: *const c_void,
    user_data: *mut c_void,
    connection_kind: *const c_char, // ABI 1.1
}

#[repr(C)]
pub struct sluice_plugin_descriptor {
    abi_major: u32,
    abi_minor: u32,
    struct_size: u32,
    component_count: u32,
    name: *const c_char,
    version: *const c_char,
    vendor: *const c_char,
    description: *const c_char,
    components: *const *const sluice_component_def,
    init: Option<unsafe extern "C" fn(*const sluice_host_api, *mut sluice_error) -> sluice_status>,
}

// The LP64 layout SDK/README.md gives and SDK/src/sluice_abi_asserts.c checks.
const _: () = assert!(size_of::<sluice_error>() == 1028 && align_of::<sluice_error>() == 4);
const _: () = assert!(size_of::<sluice_value>() == 24 && align_of::<sluice_value>() == 8);
const _: () = assert!(size_of::<sluice_property_def>() == 32);
const _: () = assert!(size_of::<sluice_task_vtable>() == 48);
const _: () = assert!(size_of::<sluice_component_def>() == 80);
const _: () = assert!(size_of::<sluice_plugin_descriptor>() == 64);
const _: () = assert!(size_of::<sluice_host_api>() == 112); // the ABI 1.0 members, all this plugin reads

// ---- The task ----

/// One instance per task in a package; used by one thread at a time.
struct HelloTask {
    host: *const sluice_host_api,
    name: String,
    variable: String,
    steps: i64,
    delay_ms: i64,
    greeting: CString, // the execution value's storage: valid until the next call
}

/// Writes `message` into the caller's buffer (cut to fit, always NUL-terminated).
unsafe fn fail(err: *mut sluice_error, status: sluice_status, message: &str) -> sluice_status {
    if let Some(err) = err.as_mut() {
        let bytes = message.as_bytes();
        let n = bytes.len().min(SLUICE_ERROR_MESSAGE_SIZE - 1);
        for (slot, byte) in err.message.iter_mut().zip(&bytes[..n]) {
            *slot = *byte as c_char;
        }
        err.message[n] = 0;
    }
    status
}

/// Runs `body`, turning a panic into SLUICE_E_FAILED with a message: nothing unwinds into C.
unsafe fn guarded(err: *mut sluice_error, body: impl FnOnce() -> sluice_status) -> sluice_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(status) => status,
        Err(_) => fail(err, SLUICE_E_FAILED, "examples.hello-rust panicked"),
    }
}

/// A borrowed `sluice_value` string, copied (it carries a length and no NUL by contract).
unsafe fn string_of(value: &sluice_value) -> Option<String> {
    if value.kind != SLUICE_VALUE_STRING {
        return None;
    }
    let s = value.as_.string;
    if s.length < 0 || (s.data.is_null() && s.length > 0) {
        return None;
    }
    let bytes = if s.length == 0 { &[][..] } else { std::slice::from_raw_parts(s.data as *const u8, s.length as usize) };
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// A C string for the host, with any NUL inside replaced (the host reads up to the first NUL).
fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', " ")).unwrap_or_default()
}

unsafe extern "C" fn hello_create(
    _def: *const sluice_component_def,
    host: *const sluice_host_api,
    out: *mut *mut c_void,
    err: *mut sluice_error,
) -> sluice_status {
    guarded(err, || {
        let task = Box::new(HelloTask {
            host,
            name: "world".into(),
            variable: String::new(),
            steps: 4,
            delay_ms: 0,
            greeting: CString::default(),
        });
        *out = Box::into_raw(task) as *mut c_void;
        SLUICE_OK
    })
}

unsafe extern "C" fn hello_destroy(instance: *mut c_void) {
    let _ = catch_unwind(|| drop(Box::from_raw(instance as *mut HelloTask)));
}

unsafe extern "C" fn hello_set_property(
    instance: *mut c_void,
    name: *const c_char,
    value: *const sluice_value,
    err: *mut sluice_error,
) -> sluice_status {
    guarded(err, || {
        let task = &mut *(instance as *mut HelloTask);
        let name = CStr::from_ptr(name).to_string_lossy();
        let value = &*value;
        match name.as_ref() {
            "name" | "variable" => match string_of(value) {
                Some(text) if name == "name" => task.name = text,
                Some(text) => task.variable = text,
                None => return fail(err, SLUICE_E_TYPE_MISMATCH, &format!("{name} must be a string")),
            },
            "steps" | "delayMs" => {
                if value.kind != SLUICE_VALUE_INT64 {
                    return fail(err, SLUICE_E_TYPE_MISMATCH, &format!("{name} must be an integer"));
                }
                let number = value.as_.int64;
                if name == "steps" { task.steps = number } else { task.delay_ms = number }
            }
            _ => return fail(err, SLUICE_E_NOT_FOUND, &format!("examples.hello-rust has no property named '{name}'")),
        }
        SLUICE_OK
    })
}

unsafe extern "C" fn hello_validate(instance: *mut c_void, ctx: *mut sluice_context, err: *mut sluice_error) -> sluice_status {
    guarded(err, || {
        let task = &*(instance as *const HelloTask);
        let problem = if task.variable.is_empty() {
            "property 'variable' must name the variable to write, such as User::Greeting"
        } else if task.steps < 1 {
            "property 'steps' must be at least 1"
        } else if task.delay_ms < 0 {
            "property 'delayMs' must not be negative"
        } else {
            return SLUICE_OK;
        };
        if let Some(fire_error) = (*task.host).fire_error {
            fire_error(ctx, 0, c_text(problem).as_ptr());
        }
        fail(err, SLUICE_E_INVALID_ARGUMENT, problem)
    })
}

unsafe extern "C" fn hello_execute(
    instance: *mut c_void,
    ctx: *mut sluice_context,
    out: *mut sluice_value,
    err: *mut sluice_error,
) -> sluice_status {
    guarded(err, || {
        let task = &mut *(instance as *mut HelloTask);
        let host = &*task.host;
        let (Some(is_canceled), Some(fire_progress), Some(fire_information), Some(variable_set)) =
            (host.is_canceled, host.fire_progress, host.fire_information, host.variable_set)
        else {
            return fail(err, SLUICE_E_FAILED, "the host table lacks an ABI 1.0 service");
        };
        for step in 1..=task.steps {
            if is_canceled(ctx) != 0 {
                return fail(err, SLUICE_E_CANCELED, &format!("canceled before step {step}"));
            }
            let text = c_text(&format!("step {step} of {}", task.steps));
            fire_progress(ctx, (step * 100 / task.steps) as i32, text.as_ptr());
            if task.delay_ms > 0 {
                std::thread::sleep(Duration::from_millis(task.delay_ms as u64));
            }
        }
        task.greeting = c_text(&format!("Hello, {}!", task.name));
        let greeting = sluice_value {
            kind: SLUICE_VALUE_STRING,
            as_: sluice_value_as {
                string: sluice_bytes { data: task.greeting.as_ptr(), length: task.greeting.as_bytes().len() as i64 },
            },
        };
        let variable = c_text(&task.variable);
        let status = variable_set(ctx, variable.as_ptr(), &greeting, err);
        if status != SLUICE_OK {
            return status; // variable_set filled `err`
        }
        fire_information(ctx, 0, task.greeting.as_ptr());
        ptr::write(out, greeting); // its string lives in the instance until the next call
        SLUICE_OK
    })
}

// ---- Static tables: valid and unchanged for the life of the process ----

/// Raw pointers are not `Sync`; these tables are immutable, so sharing them is sound.
#[repr(transparent)]
struct Shared<T>(T);
unsafe impl<T> Sync for Shared<T> {}

static PROPERTIES: Shared<[sluice_property_def; 4]> = Shared([
    sluice_property_def {
        name: c"name".as_ptr(),
        type_: SLUICE_PROPERTY_STRING,
        required: 0,
        default_value: c"world".as_ptr(),
        description: c"Who to greet.".as_ptr(),
    },
    sluice_property_def {
        name: c"variable".as_ptr(),
        type_: SLUICE_PROPERTY_STRING,
        required: 1,
        default_value: ptr::null(),
        description: c"Qualified name of the String variable that receives the greeting.".as_ptr(),
    },
    sluice_property_def {
        name: c"steps".as_ptr(),
        type_: SLUICE_PROPERTY_INT64,
        required: 0,
        default_value: c"4".as_ptr(),
        description: c"Number of progress steps.".as_ptr(),
    },
    sluice_property_def {
        name: c"delayMs".as_ptr(),
        type_: SLUICE_PROPERTY_INT64,
        required: 0,
        default_value: c"0".as_ptr(),
        description: c"Milliseconds to sleep per step.".as_ptr(),
    },
]);

static VTABLE: sluice_task_vtable = sluice_task_vtable {
    struct_size: size_of::<sluice_task_vtable>() as u32,
    create: Some(hello_create),
    destroy: Some(hello_destroy),
    set_property: Some(hello_set_property),
    validate: Some(hello_validate),
    execute: Some(hello_execute),
};

static COMPONENT: Shared<sluice_component_def> = Shared(sluice_component_def {
    struct_size: size_of::<sluice_component_def>() as u32,
    kind: SLUICE_COMPONENT_TASK,
    id: c"examples.hello-rust".as_ptr(),
    display_name: c"Hello (Rust)".as_ptr(),
    description: c"Writes a greeting into a variable, with progress steps and cancellation.".as_ptr(),
    version: c"1.0.0".as_ptr(),
    property_count: 4,
    properties: &PROPERTIES.0 as *const [sluice_property_def; 4] as *const sluice_property_def,
    vtable: &VTABLE as *const sluice_task_vtable as *const c_void,
    user_data: ptr::null_mut(),
    connection_kind: ptr::null(),
});

static COMPONENTS: Shared<[*const sluice_component_def; 1]> = Shared([&COMPONENT.0 as *const sluice_component_def]);

static DESCRIPTOR: Shared<sluice_plugin_descriptor> = Shared(sluice_plugin_descriptor {
    abi_major: SLUICE_ABI_MAJOR,
    abi_minor: SLUICE_ABI_MINOR,
    struct_size: size_of::<sluice_plugin_descriptor>() as u32,
    component_count: 1,
    name: c"examples.hello-rust".as_ptr(),
    version: c"1.0.0".as_ptr(),
    vendor: c"Sluice examples".as_ptr(),
    description: c"The example plugin in Rust: a greeting task.".as_ptr(),
    components: &COMPONENTS.0 as *const [*const sluice_component_def; 1] as *const *const sluice_component_def,
    init: None,
});

/// The one exported symbol. It only returns the static descriptor (no side effects).
#[no_mangle]
pub extern "C" fn sluice_plugin_entry() -> *const sluice_plugin_descriptor {
    catch_unwind(|| &DESCRIPTOR.0 as *const sluice_plugin_descriptor).unwrap_or(ptr::null())
}
