/*
 * sluice.h: the whole Sluice plugin ABI. Include this one header.
 *
 *     cc -shared -fPIC -I SDK/include hello.c -o libhello.so
 *
 * See SDK/README.md for a walk-through.
 */
#ifndef SLUICE_H
#define SLUICE_H

#include "sluice_abi.h"
#include "sluice_arrow.h"
#include "sluice_host.h"
#include "sluice_plugin.h"

#endif /* SLUICE_H */
