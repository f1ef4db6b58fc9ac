/* fixture plugins export only sluice_plugin_entry */
