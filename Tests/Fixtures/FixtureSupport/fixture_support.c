/* A C target needs a source file; everything shared lives in include/sluice_fixture.h. */
#include "sluice_fixture.h"

typedef int sluice_fixture_support_has_no_symbols;
