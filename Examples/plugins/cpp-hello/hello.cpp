// hello.cpp: the example greeting task of Plugins/HelloC, written in C++17 against the C header.
//
// The header is C with extern "C" guards, so SLUICE_PLUGIN_DEFINE gives the entry C linkage.
// Everything else lives in an anonymous namespace and is built with -fvisibility=hidden, so the
// library exports only `sluice_plugin_entry`. No exception may cross into the host: every
// function the host calls catches everything at the boundary and turns it into a status.
//
//     c++ -std=c++17 -fPIC -shared -fvisibility=hidden -I SDK/include hello.cpp -o libhello_cpp.so

#include <sluice/sluice.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <thread>

namespace {

// One instance per task in a package; used by one thread at a time.
struct HelloTask {
    const sluice_host_api *host;
    std::string name = "world";  // property values are copies: the host's are borrowed
    std::string variable;
    int64_t steps = 4;
    int64_t delay_ms = 0;
    std::string greeting;  // the execution value's storage: valid until the next call
};

// Writes `message` into the caller's buffer (cut to fit, always NUL-terminated).
sluice_status fail(sluice_error *err, sluice_status status, const std::string &message) {
    if (err != nullptr) std::snprintf(err->message, sizeof err->message, "%s", message.c_str());
    return status;
}

// Runs `body`; an exception becomes a status and a message instead of unwinding into C.
template <typename Body>
sluice_status guarded(sluice_error *err, Body body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        return fail(err, SLUICE_E_FAILED, std::string("examples.hello-cpp: ") + e.what());
    } catch (...) {
        return fail(err, SLUICE_E_FAILED, "examples.hello-cpp: unknown exception");
    }
}

// A borrowed sluice_value string, copied: it carries a length and is not NUL-terminated.
bool copy_string(const sluice_value *value, std::string &out) {
    if (value->kind != SLUICE_VALUE_STRING || value->as.string.length < 0) return false;
    if (value->as.string.length > 0 && value->as.string.data == nullptr) return false;
    out.assign(value->as.string.data, static_cast<size_t>(value->as.string.length));
    return true;
}

sluice_status hello_create(const sluice_component_def *, const sluice_host_api *host, void **out, sluice_error *err) {
    return guarded(err, [&] {
        auto *task = new HelloTask();
        task->host = host;
        *out = task;
        return SLUICE_OK;
    });
}

void hello_destroy(void *instance) { delete static_cast<HelloTask *>(instance); }  // noexcept destructors

sluice_status hello_set_property(void *instance, const char *name, const sluice_value *value, sluice_error *err) {
    return guarded(err, [&] {
        auto *task = static_cast<HelloTask *>(instance);
        const std::string key = name;
        if (key == "name" || key == "variable") {
            if (!copy_string(value, key == "name" ? task->name : task->variable))
                return fail(err, SLUICE_E_TYPE_MISMATCH, key + " must be a string");
        } else if (key == "steps" || key == "delayMs") {
            if (value->kind != SLUICE_VALUE_INT64) return fail(err, SLUICE_E_TYPE_MISMATCH, key + " must be an integer");
            (key == "steps" ? task->steps : task->delay_ms) = value->as.int64;
        } else {
            return fail(err, SLUICE_E_NOT_FOUND, "examples.hello-cpp has no property named '" + key + "'");
        }
        return SLUICE_OK;
    });
}

sluice_status hello_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    return guarded(err, [&] {
        auto *task = static_cast<HelloTask *>(instance);
        const char *problem = nullptr;
        if (task->variable.empty())
            problem = "property 'variable' must name the variable to write, such as User::Greeting";
        else if (task->steps < 1)
            problem = "property 'steps' must be at least 1";
        else if (task->delay_ms < 0)
            problem = "property 'delayMs' must not be negative";
        if (problem == nullptr) return SLUICE_OK;
        task->host->fire_error(ctx, 0, problem);
        return fail(err, SLUICE_E_INVALID_ARGUMENT, problem);
    });
}

sluice_status hello_execute(void *instance, sluice_context *ctx, sluice_value *out, sluice_error *err) {
    return guarded(err, [&] {
        auto *task = static_cast<HelloTask *>(instance);
        const sluice_host_api *host = task->host;
        for (int64_t step = 1; step <= task->steps; step++) {
            if (host->is_canceled(ctx)) return fail(err, SLUICE_E_CANCELED, "canceled before step " + std::to_string(step));
            const std::string text = "step " + std::to_string(step) + " of " + std::to_string(task->steps);
            host->fire_progress(ctx, static_cast<int32_t>(step * 100 / task->steps), text.c_str());
            if (task->delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(task->delay_ms));
        }
        task->greeting = "Hello, " + task->name + "!";
        sluice_value value{};
        value.kind = SLUICE_VALUE_STRING;
        value.as.string.data = task->greeting.data();
        value.as.string.length = static_cast<int64_t>(task->greeting.size());
        const sluice_status status = host->variable_set(ctx, task->variable.c_str(), &value, err);
        if (status != SLUICE_OK) return status;  // variable_set filled `err`
        host->fire_information(ctx, 0, task->greeting.c_str());
        *out = value;  // its string lives in the instance until the next call
        return SLUICE_OK;
    });
}

// Static tables: valid and unchanged for the life of the process. C++17 has no designated
// initialisers, so members are given in order; the trailing ones left out are zero.
const sluice_property_def properties[] = {
    {"name", SLUICE_PROPERTY_STRING, 0, "world", "Who to greet."},
    {"variable", SLUICE_PROPERTY_STRING, 1, nullptr, "Qualified name of the String variable that receives the greeting."},
    {"steps", SLUICE_PROPERTY_INT64, 0, "4", "Number of progress steps."},
    {"delayMs", SLUICE_PROPERTY_INT64, 0, "0", "Milliseconds to sleep per step."},
};

const sluice_task_vtable vtable = {
    sizeof(sluice_task_vtable), hello_create, hello_destroy, hello_set_property, hello_validate, hello_execute,
};

const sluice_component_def component = {
    sizeof(sluice_component_def), SLUICE_COMPONENT_TASK, "examples.hello-cpp", "Hello (C++)",
    "Writes a greeting into a variable, with progress steps and cancellation.", "1.0.0",
    sizeof properties / sizeof properties[0], properties, &vtable, nullptr, nullptr /* connection_kind */,
};

const sluice_component_def *const components[] = {&component};

const sluice_plugin_descriptor descriptor = {
    SLUICE_ABI_MAJOR, SLUICE_ABI_MINOR, sizeof(sluice_plugin_descriptor), 1, "examples.hello-cpp", "1.0.0",
    "Sluice examples", "The example plugin in C++17: a greeting task.", components, nullptr,
};

}  // namespace

// The one exported symbol (C linkage from the header's declaration); it cannot throw.
SLUICE_PLUGIN_DEFINE(descriptor)
