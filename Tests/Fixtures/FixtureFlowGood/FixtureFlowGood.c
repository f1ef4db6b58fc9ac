/* A data flow transform that breaks no rule: the control. */
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_NOTHING
#include "sluice_fixture_flow.h"

FIXTURE_FLOW_PLUGIN("tests.flow.good")
