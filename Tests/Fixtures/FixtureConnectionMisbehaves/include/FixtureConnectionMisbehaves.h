/* FixtureConnectionMisbehaves exports only sluice_plugin_entry */
