/* The example C plugin has no public API: everything goes through sluice_plugin_entry. */
