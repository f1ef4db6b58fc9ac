/*
 * FixtureStockConnection: plugin connection managers whose connection strings follow a stock
 * kind (`connection_kind`), so stock tasks use them; tests see that the task acquired the
 * connection before it used the string, and the whole lifecycle in a journal.
 *
 *   fixtures.stock.sqlite  follows sluice.sqlite; acquire creates the directory the database
 *                          path names (SQLite creates a missing file, never a missing
 *                          directory), so Execute SQL can open it only after acquire
 *   fixtures.stock.file    follows sluice.file; acquire writes `content` to the file the
 *                          connection string names (as a plugin would decrypt a file), release
 *                          removes it again
 *   fixtures.stock.plain   follows no stock kind; acquire does nothing but journal
 *
 * With `journal` set, each appends one line per call to that file: "create <id>", then
 * "validate S", "acquire S", "release S", "destroy S" with S the ConnectionString.
 */
#include <sluice/sluice.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum { FOLLOWS_SQLITE, FOLLOWS_FILE, FOLLOWS_NOTHING } follows;

typedef struct stock_connection {
    follows kind;
    char journal[1024];
    char connection_string[1024];
    char content[1024];
} stock_connection;

static sluice_status fail(sluice_error *err, sluice_status status, const char *message) {
    if (err) snprintf(err->message, sizeof err->message, "%s", message);
    return status;
}

static void note(const stock_connection *c, const char *what, const char *detail) {
    if (c->journal[0] == '\0') return;
    FILE *f = fopen(c->journal, "a");
    if (f == NULL) return;
    fprintf(f, "%s %s\n", what, detail);
    fclose(f);
}

static sluice_status stock_create(const sluice_component_def *def, const sluice_host_api *host, void **out,
                                  sluice_error *err) {
    (void)host;
    stock_connection *c = calloc(1, sizeof *c);
    if (c == NULL) return fail(err, SLUICE_E_NO_MEMORY, "out of memory");
    c->kind = strcmp(def->id, "fixtures.stock.sqlite") == 0 ? FOLLOWS_SQLITE
              : strcmp(def->id, "fixtures.stock.file") == 0 ? FOLLOWS_FILE
                                                            : FOLLOWS_NOTHING;
    *out = c;
    return SLUICE_OK;
}

static void stock_destroy(void *instance) {
    stock_connection *c = instance;
    note(c, "destroy", c->connection_string);
    free(c);
}

static sluice_status stock_set_property(void *instance, const char *name, const sluice_value *value,
                                        sluice_error *err) {
    stock_connection *c = instance;
    char *slot = strcmp(name, "journal") == 0            ? c->journal
                 : strcmp(name, "ConnectionString") == 0 ? c->connection_string
                 : strcmp(name, "content") == 0          ? c->content
                                                         : NULL;
    if (slot == NULL) return fail(err, SLUICE_E_NOT_FOUND, "unknown property");
    if (value->kind != SLUICE_VALUE_STRING) return fail(err, SLUICE_E_TYPE_MISMATCH, "expected a string");
    /* Each slot is 1024 bytes; a longer value is cut, which the tests never need. */
    snprintf(slot, 1024, "%.*s", (int)(value->as.string.length < 1023 ? value->as.string.length : 1023),
             value->as.string.data);
    if (slot == c->journal) note(c, "create", c->kind == FOLLOWS_SQLITE ? "sqlite" : c->kind == FOLLOWS_FILE ? "file" : "plain");
    return SLUICE_OK;
}

static sluice_status stock_validate(void *instance, sluice_context *ctx, sluice_error *err) {
    (void)ctx, (void)err;
    stock_connection *c = instance;
    note(c, "validate", c->connection_string);
    return SLUICE_OK;
}

/* The directory part of `path` (nothing for a path without '/'). */
static sluice_status make_parent_directory(const char *path, sluice_error *err) {
    char directory[1024];
    snprintf(directory, sizeof directory, "%s", path);
    char *slash = strrchr(directory, '/');
    if (slash == NULL || slash == directory) return SLUICE_OK;
    *slash = '\0';
    if (mkdir(directory, 0700) != 0 && errno != EEXIST) {
        err->code = 100601;
        return fail(err, SLUICE_E_IO, "cannot create the database's directory");
    }
    return SLUICE_OK;
}

static sluice_status write_content(const stock_connection *c, sluice_error *err) {
    FILE *f = fopen(c->connection_string, "w");
    if (f == NULL) {
        err->code = 100602;
        return fail(err, SLUICE_E_IO, "cannot write the file");
    }
    fputs(c->content, f);
    fclose(f);
    return SLUICE_OK;
}

static sluice_status stock_acquire(void *instance, sluice_context *ctx, void **out, sluice_error *err) {
    (void)ctx;
    stock_connection *c = instance;
    sluice_status status = c->kind == FOLLOWS_SQLITE ? make_parent_directory(c->connection_string, err)
                           : c->kind == FOLLOWS_FILE ? write_content(c, err)
                                                     : SLUICE_OK;
    if (status != SLUICE_OK) return status;
    note(c, "acquire", c->connection_string);
    *out = c;
    return SLUICE_OK;
}

static void stock_release(void *instance, void *handle) {
    stock_connection *c = instance;
    if (handle != c) return;
    if (c->kind == FOLLOWS_FILE) remove(c->connection_string);
    note(c, "release", c->connection_string);
}

static const sluice_property_def properties[] = {
    {.name = "journal", .type = SLUICE_PROPERTY_STRING, .description = "File to append lifecycle lines to."},
    {.name = "ConnectionString", .type = SLUICE_PROPERTY_STRING, .description = "A path."},
    {.name = "content", .type = SLUICE_PROPERTY_STRING, .description = "What fixtures.stock.file writes."},
};

static const sluice_connection_vtable vtable = {
    .struct_size = sizeof(sluice_connection_vtable), .create = stock_create, .destroy = stock_destroy,
    .set_property = stock_set_property, .validate = stock_validate, .acquire = stock_acquire,
    .release = stock_release,
};

#define STOCK_CONNECTION(identifier, name, follows_kind)                                                       \
    {.struct_size = sizeof(sluice_component_def), .kind = SLUICE_COMPONENT_CONNECTION_MANAGER, .id = identifier, \
     .display_name = name, .description = "Fixture.", .version = "1.0.0",                                     \
     .property_count = sizeof properties / sizeof properties[0], .properties = properties, .vtable = &vtable,     \
     .connection_kind = follows_kind}

static const sluice_component_def sqlite_definition = STOCK_CONNECTION("fixtures.stock.sqlite", "SQLite", "sluice.sqlite");
static const sluice_component_def file_definition = STOCK_CONNECTION("fixtures.stock.file", "File", "sluice.file");
static const sluice_component_def plain_definition = STOCK_CONNECTION("fixtures.stock.plain", "Plain", NULL);

static const sluice_component_def *const components[] = {&sqlite_definition, &file_definition, &plain_definition};

static const sluice_plugin_descriptor descriptor = {
    .abi_major = SLUICE_ABI_MAJOR, .abi_minor = SLUICE_ABI_MINOR, .struct_size = sizeof(sluice_plugin_descriptor),
    .component_count = sizeof components / sizeof components[0], .name = "fixtures.stock", .version = "1.0.0",
    .vendor = "Sluice tests", .description = "Connection managers following the stock kinds.",
    .components = components,
};

SLUICE_PLUGIN_DEFINE(descriptor)
