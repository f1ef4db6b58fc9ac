/* A data flow transform that emits string offsets that go back. */
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_BAD_OFFSETS
#include "sluice_fixture_flow.h"

FIXTURE_FLOW_PLUGIN("tests.flow.bad-offsets")
