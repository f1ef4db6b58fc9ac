/// What both skeletons share: a sample package using the task, `test.sh` that builds the plugin
/// and runs the package with `sluice run`, and a short README.
enum SkeletonTest {
    static func samplePackage(_ name: PluginSkeletonName) -> PluginSkeleton.File {
        PluginSkeleton.File(path: "test/sample.sluice.json", contents: """
            {
              "format": "sluice.package",
              "formatVersion": 1,
              "package": {
                "name": "Sample",
                "executables": [
                  {
                    "name": "Greet",
                    "type": "task",
                    "component": "\(name.id)",
                    "properties": {
                      "name": "Sluice"
                    }
                  }
                ]
              }
            }

            """, executable: false)
    }

    static func script(_ name: PluginSkeletonName, build: String, pluginDirectory: String) -> PluginSkeleton.File {
        PluginSkeleton.File(path: "test.sh", contents: """
            #!/bin/sh
            # Builds the plugin and runs test/sample.sluice.json with it: the run must succeed and
            # raise the greeting. SLUICE names the sluice binary (default: sluice on PATH).
            set -eu
            cd "$(dirname "$0")"
            SLUICE="${SLUICE:-sluice}"
            \(build)
            if ! output=$("$SLUICE" run test/sample.sluice.json --plugin-dir \(pluginDirectory) --report EWI 2>&1); then
                printf '%s\\n' "$output"
                echo "FAIL: sluice run failed" >&2
                exit 1
            fi
            printf '%s\\n' "$output"
            case "$output" in
            *"Hello, Sluice!"*) echo "PASS: \(name.id)" ;;
            *) echo "FAIL: the greeting is missing" >&2; exit 1 ;;
            esac

            """, executable: true)
    }

    static func readme(_ name: PluginSkeletonName, language: String, build: String, library: String) -> PluginSkeleton.File {
        PluginSkeleton.File(path: "README.md", contents: """
            # \(name.id)

            A Sluice plugin in \(language), made by `sluice plugins new`: one task, `\(name.id)`, with one
            property, `name`.

            ```sh
            \(build)     # builds \(library)
            ./test.sh    # builds it, then runs test/sample.sluice.json with `sluice run`
            sluice plugins list --plugin-dir <the directory of \(library)>
            ```

            The SDK files the plugin needs were copied here, so nothing else is required. The library
            exports one symbol, `sluice_plugin_entry`. The guide is SDK/README.md in the Sluice sources.

            """, executable: false)
    }
}
