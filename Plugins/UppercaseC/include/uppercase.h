/* The example data flow plugin has no public API: everything goes through sluice_plugin_entry. */
