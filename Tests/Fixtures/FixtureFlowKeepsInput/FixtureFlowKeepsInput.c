/* A data flow transform that moves each batch it is given and never releases it. */
#define FIXTURE_FLOW_BREAKS FIXTURE_BREAKS_KEEPS_INPUT
#include "sluice_fixture_flow.h"

FIXTURE_FLOW_PLUGIN("tests.flow.keeps-input")
