/*
 * Compile-time checks of the ABI layout. A C target needs at least one source file; this one
 * earns its place by failing the build if a layout ever moves. The LP64 numbers are the ones
 * SDK/README.md ("Writing bindings") gives to authors of Rust, C++ or other bindings: change
 * one, change both.
 */
#include "sluice/sluice.h"

#define SLUICE_ASSERT_AT(type, member, offset) \
    _Static_assert(offsetof(type, member) == (offset), #type "." #member " moved")

/* Every platform: the version prefix of the descriptor and the size-first rule. */
_Static_assert(offsetof(sluice_plugin_descriptor, abi_major) == 0, "abi_major must come first");
_Static_assert(offsetof(sluice_plugin_descriptor, abi_minor) == 4, "abi_minor must come second");
_Static_assert(offsetof(sluice_plugin_descriptor, struct_size) == 8, "struct_size must come third");
/* The host table only grows at its end: ABI 1.0's 4 words and 12 functions come first, then
 * ABI 1.1's connection_acquire. */
_Static_assert(offsetof(sluice_host_api, allocate) == 16 + 10 * sizeof(void *), "ABI 1.0 host table members moved");
_Static_assert(offsetof(sluice_host_api, connection_acquire) == 16 + 12 * sizeof(void *),
               "connection_acquire is the first ABI 1.1 member of sluice_host_api");
_Static_assert(sizeof(sluice_error) == 4 + SLUICE_ERROR_MESSAGE_SIZE, "sluice_error is frozen");
_Static_assert(SLUICE_ERROR_MESSAGE_SIZE == 1024, "the error buffer is frozen");
SLUICE_ASSERT_AT(sluice_component_def, struct_size, 0);
SLUICE_ASSERT_AT(sluice_task_vtable, struct_size, 0);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, struct_size, 0);
SLUICE_ASSERT_AT(sluice_connection_vtable, struct_size, 0);
SLUICE_ASSERT_AT(sluice_log_provider_vtable, struct_size, 0);
SLUICE_ASSERT_AT(sluice_enumerator_vtable, struct_size, 0);
SLUICE_ASSERT_AT(sluice_log_entry, struct_size, 0);
SLUICE_ASSERT_AT(sluice_host_api, struct_size, 0);
SLUICE_ASSERT_AT(sluice_input_def, struct_size, 0);
SLUICE_ASSERT_AT(sluice_output_def, struct_size, 0);
SLUICE_ASSERT_AT(sluice_ports, struct_size, 0);
_Static_assert(offsetof(sluice_host_api, emit) == 16 + 13 * sizeof(void *), "emit follows connection_acquire (ABI 1.1)");
_Static_assert(sizeof(sluice_component_def) >= SLUICE_COMPONENT_DEF_SIZE_1_1, "1.1 members are in the struct");
_Static_assert(SLUICE_COMPONENT_DEF_SIZE_1_0 < SLUICE_COMPONENT_DEF_SIZE_1_1, "1.1 grew the definition");

#if defined(__LP64__)
/* LP64 (x86_64, aarch64 Linux): pointers and function pointers are 8 bytes, 8-aligned. */
_Static_assert(sizeof(sluice_value) == 24 && _Alignof(sluice_value) == 8, "sluice_value is frozen");
SLUICE_ASSERT_AT(sluice_value, kind, 0);
SLUICE_ASSERT_AT(sluice_value, as, 8);
SLUICE_ASSERT_AT(sluice_value, as.string.length, 16);
_Static_assert(_Alignof(sluice_error) == 4, "sluice_error alignment");
SLUICE_ASSERT_AT(sluice_error, message, 4);
SLUICE_ASSERT_AT(sluice_value, as.bytes.data, 8);
_Static_assert(sizeof(sluice_status) == 4 && sizeof(void (*)(void)) == 8, "int32_t statuses, 8-byte function pointers");
_Static_assert(_Alignof(sluice_plugin_descriptor) == 8 && _Alignof(sluice_component_def) == 8, "8-aligned");
_Static_assert(_Alignof(sluice_task_vtable) == 8 && _Alignof(sluice_host_api) == 8 && _Alignof(sluice_log_entry) == 8,
               "8-aligned");

_Static_assert(sizeof(sluice_property_def) == 32 && _Alignof(sluice_property_def) == 8, "property def is frozen");
SLUICE_ASSERT_AT(sluice_property_def, name, 0);
SLUICE_ASSERT_AT(sluice_property_def, type, 8);
SLUICE_ASSERT_AT(sluice_property_def, required, 12);
SLUICE_ASSERT_AT(sluice_property_def, default_value, 16);
SLUICE_ASSERT_AT(sluice_property_def, description, 24);

_Static_assert(SLUICE_PLUGIN_DESCRIPTOR_SIZE_1_0 == 64 && sizeof(sluice_plugin_descriptor) == 64, "descriptor");
SLUICE_ASSERT_AT(sluice_plugin_descriptor, component_count, 12);
SLUICE_ASSERT_AT(sluice_plugin_descriptor, name, 16);
SLUICE_ASSERT_AT(sluice_plugin_descriptor, version, 24);
SLUICE_ASSERT_AT(sluice_plugin_descriptor, vendor, 32);
SLUICE_ASSERT_AT(sluice_plugin_descriptor, description, 40);
SLUICE_ASSERT_AT(sluice_plugin_descriptor, components, 48);
SLUICE_ASSERT_AT(sluice_plugin_descriptor, init, 56);

_Static_assert(SLUICE_COMPONENT_DEF_SIZE_1_0 == 72, "component def 1.0");
_Static_assert(SLUICE_COMPONENT_DEF_SIZE_1_1 == 80 && sizeof(sluice_component_def) == 80, "component def 1.1");
SLUICE_ASSERT_AT(sluice_component_def, kind, 4);
SLUICE_ASSERT_AT(sluice_component_def, id, 8);
SLUICE_ASSERT_AT(sluice_component_def, display_name, 16);
SLUICE_ASSERT_AT(sluice_component_def, description, 24);
SLUICE_ASSERT_AT(sluice_component_def, version, 32);
SLUICE_ASSERT_AT(sluice_component_def, property_count, 40);
SLUICE_ASSERT_AT(sluice_component_def, properties, 48);
SLUICE_ASSERT_AT(sluice_component_def, vtable, 56);
SLUICE_ASSERT_AT(sluice_component_def, user_data, 64);
SLUICE_ASSERT_AT(sluice_component_def, connection_kind, 72);

/* Every vtable: struct_size, then create, destroy, set_property, validate at 8, 16, 24, 32. */
SLUICE_ASSERT_AT(sluice_task_vtable, create, 8);
SLUICE_ASSERT_AT(sluice_task_vtable, destroy, 16);
SLUICE_ASSERT_AT(sluice_task_vtable, set_property, 24);
SLUICE_ASSERT_AT(sluice_task_vtable, validate, 32);
SLUICE_ASSERT_AT(sluice_task_vtable, execute, 40);
_Static_assert(SLUICE_TASK_VTABLE_SIZE_1_0 == 48 && sizeof(sluice_task_vtable) == 48, "task vtable");
/* The data flow table (ABI 1.1 layout; the 1.0 one was never driven and is refused). */
SLUICE_ASSERT_AT(sluice_dataflow_vtable, ports, 40);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, negotiate, 48);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, pre_execute, 56);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, produce, 64);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, open_stream, 72);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, process, 80);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, end_of_input, 88);
SLUICE_ASSERT_AT(sluice_dataflow_vtable, post_execute, 96);
_Static_assert(SLUICE_DATAFLOW_VTABLE_SIZE_1_1 == 104 && sizeof(sluice_dataflow_vtable) == 104, "dataflow vtable");
SLUICE_ASSERT_AT(sluice_input_def, reserved, 4);
SLUICE_ASSERT_AT(sluice_input_def, name, 8);
_Static_assert(SLUICE_INPUT_DEF_SIZE_1_1 == 16 && sizeof(sluice_input_def) == 16, "input def");
SLUICE_ASSERT_AT(sluice_output_def, synchronous_input, 4);
SLUICE_ASSERT_AT(sluice_output_def, name, 8);
SLUICE_ASSERT_AT(sluice_output_def, exclusion_group, 16);
SLUICE_ASSERT_AT(sluice_output_def, is_error_output, 20);
_Static_assert(SLUICE_OUTPUT_DEF_SIZE_1_1 == 24 && sizeof(sluice_output_def) == 24, "output def");
SLUICE_ASSERT_AT(sluice_ports, input_count, 4);
SLUICE_ASSERT_AT(sluice_ports, output_count, 8);
SLUICE_ASSERT_AT(sluice_ports, inputs, 16);
SLUICE_ASSERT_AT(sluice_ports, outputs, 24);
_Static_assert(sizeof(sluice_ports) == 32, "ports");
/* Arrow's structs, as the Arrow C Data and Stream Interfaces define them. */
_Static_assert(sizeof(struct ArrowSchema) == 72 && sizeof(struct ArrowArray) == 80, "Arrow C Data Interface");
_Static_assert(sizeof(struct ArrowArrayStream) == 40, "Arrow C Stream Interface");
SLUICE_ASSERT_AT(struct ArrowArrayStream, release, 24);
SLUICE_ASSERT_AT(sluice_connection_vtable, acquire, 40);
SLUICE_ASSERT_AT(sluice_connection_vtable, release, 48);
_Static_assert(SLUICE_CONNECTION_VTABLE_SIZE_1_0 == 56, "connection vtable");
SLUICE_ASSERT_AT(sluice_log_provider_vtable, open, 40);
SLUICE_ASSERT_AT(sluice_log_provider_vtable, write_entry, 48);
SLUICE_ASSERT_AT(sluice_log_provider_vtable, close, 56);
_Static_assert(SLUICE_LOG_PROVIDER_VTABLE_SIZE_1_0 == 64, "log provider vtable");
SLUICE_ASSERT_AT(sluice_enumerator_vtable, begin, 40);
SLUICE_ASSERT_AT(sluice_enumerator_vtable, next, 48);
SLUICE_ASSERT_AT(sluice_enumerator_vtable, end, 56);
_Static_assert(SLUICE_ENUMERATOR_VTABLE_SIZE_1_0 == 64, "enumerator vtable");

SLUICE_ASSERT_AT(sluice_log_entry, code, 4);
SLUICE_ASSERT_AT(sluice_log_entry, event, 8);
SLUICE_ASSERT_AT(sluice_log_entry, source_name, 16);
SLUICE_ASSERT_AT(sluice_log_entry, source_id, 24);
SLUICE_ASSERT_AT(sluice_log_entry, execution_id, 32);
SLUICE_ASSERT_AT(sluice_log_entry, message, 40);
SLUICE_ASSERT_AT(sluice_log_entry, time_us, 48);
_Static_assert(SLUICE_LOG_ENTRY_SIZE_1_0 == 56, "log entry");

SLUICE_ASSERT_AT(sluice_host_api, abi_major, 4);
SLUICE_ASSERT_AT(sluice_host_api, abi_minor, 8);
SLUICE_ASSERT_AT(sluice_host_api, fire_error, 16);
SLUICE_ASSERT_AT(sluice_host_api, fire_warning, 24);
SLUICE_ASSERT_AT(sluice_host_api, fire_information, 32);
SLUICE_ASSERT_AT(sluice_host_api, fire_progress, 40);
SLUICE_ASSERT_AT(sluice_host_api, fire_custom, 48);
SLUICE_ASSERT_AT(sluice_host_api, write_log, 56);
SLUICE_ASSERT_AT(sluice_host_api, variable_get, 64);
SLUICE_ASSERT_AT(sluice_host_api, variable_set, 72);
SLUICE_ASSERT_AT(sluice_host_api, connection_string, 80);
SLUICE_ASSERT_AT(sluice_host_api, is_canceled, 88);
SLUICE_ASSERT_AT(sluice_host_api, allocate, 96);
SLUICE_ASSERT_AT(sluice_host_api, deallocate, 104);
_Static_assert(SLUICE_HOST_API_SIZE_1_0 == 112, "host table 1.0");
SLUICE_ASSERT_AT(sluice_host_api, connection_acquire, 112);
SLUICE_ASSERT_AT(sluice_host_api, emit, 120);
_Static_assert(SLUICE_HOST_API_SIZE_1_1 == 128 && sizeof(sluice_host_api) == 128, "host table 1.1");
#endif

/* No symbols: this object is linked into every SwiftPM-built plugin, which must export only
 * sluice_plugin_entry. */
typedef int sluice_abi_asserts_only;
