/*
 * Compile-time checks of the ABI layout on the host's platform. A C target needs at least one
 * source file; this one earns its place by failing the build if a frozen layout ever moves.
 */
#include "sluice/sluice.h"

_Static_assert(sizeof(sluice_error) == 4 + SLUICE_ERROR_MESSAGE_SIZE, "sluice_error layout is frozen");
_Static_assert(sizeof(sluice_value) == 24, "sluice_value layout is frozen");
_Static_assert(offsetof(sluice_plugin_descriptor, abi_major) == 0, "abi_major must come first");
_Static_assert(offsetof(sluice_plugin_descriptor, abi_minor) == 4, "abi_minor must come second");
_Static_assert(offsetof(sluice_plugin_descriptor, struct_size) == 8, "struct_size must come third");
_Static_assert(sizeof(sluice_property_def) == 48, "sluice_property_def is frozen for ABI 1");
/* The host table only grows at its end: ABI 1.0's 4 words and 12 functions come first, then
 * ABI 1.1's connection_acquire. */
_Static_assert(offsetof(sluice_host_api, allocate) == 16 + 10 * sizeof(void *), "ABI 1.0 host table members moved");
_Static_assert(offsetof(sluice_host_api, connection_acquire) == 16 + 12 * sizeof(void *),
               "connection_acquire is the first ABI 1.1 member of sluice_host_api");

/* No symbols: this object is linked into every SwiftPM-built plugin, which must export only
 * sluice_plugin_entry. */
typedef int sluice_abi_asserts_only;
