/* A data flow transform that releases each batch it is given twice. */
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_RELEASES_TWICE
#include "sluice_fixture_flow.h"

FIXTURE_FLOW_PLUGIN("tests.flow.releases-twice")
