/* FixtureFlowBadOffsets exports only sluice_plugin_entry (see SDK/include/sluice/sluice_plugin.h). */
