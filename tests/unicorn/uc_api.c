/*
 * tests/unicorn/uc_api.c - loads libunicorn with dlopen (see uc_api.h for
 * why) and fills the function table once.  UD_UNICORN_LIB is the library
 * path CMake found through pkg-config; the soname is the fallback.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "uc_api.h"

#ifndef UD_UNICORN_LIB
#define UD_UNICORN_LIB "libunicorn.so.2"
#endif

static struct uc_api api;
static int loaded; /* 1 ok, -1 failed */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Look up @name; on failure report it and return 0. */
static int sym(void *lib, const char *name, void *slot)
{
    void *p = dlsym(lib, name);
    if (!p)
        fprintf(stderr, "unicorn: missing symbol %s\n", name);
    *(void **)slot = p;
    return p != NULL;
}

static void load(void)
{
    void *lib = dlopen(UD_UNICORN_LIB, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        lib = dlopen("libunicorn.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "unicorn: dlopen failed: %s\n", dlerror());
        loaded = -1;
        return;
    }
    int ok = sym(lib, "uc_open", &api.open) & sym(lib, "uc_close", &api.close) &
             sym(lib, "uc_strerror", &api.strerror) & sym(lib, "uc_ctl", &api.ctl) &
             sym(lib, "uc_mem_map_ptr", &api.mem_map_ptr) & sym(lib, "uc_mem_write", &api.mem_write) &
             sym(lib, "uc_reg_write", &api.reg_write) & sym(lib, "uc_reg_read", &api.reg_read) &
             sym(lib, "uc_reg_write_batch", &api.reg_write_batch) &
             sym(lib, "uc_reg_read_batch", &api.reg_read_batch) &
             sym(lib, "uc_hook_add", &api.hook_add) &
             sym(lib, "uc_context_alloc", &api.context_alloc) &
             sym(lib, "uc_context_save", &api.context_save) &
             sym(lib, "uc_context_restore", &api.context_restore) &
             sym(lib, "uc_context_free", &api.context_free) &
             sym(lib, "uc_emu_start", &api.emu_start) & sym(lib, "uc_emu_stop", &api.emu_stop);
    loaded = ok ? 1 : -1;
}

const struct uc_api *uc_api_load(void)
{
    pthread_once(&once, load);
    return loaded == 1 ? &api : NULL;
}
