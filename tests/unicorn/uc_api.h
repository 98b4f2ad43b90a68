/*
 * tests/unicorn/uc_api.h - the libunicorn functions the test uses, reached
 * through dlopen instead of linking.
 *
 * Why: libunicorn 2 exports internal QEMU symbols named cpu_reset and
 * mmu_translate.  Linked into the same executable as trap86cpu (which has
 * functions of those names), the executable's definitions would interpose
 * on unicorn's internal calls and crash it.  An executable that does not
 * link libunicorn exports neither name, so unicorn loaded with dlopen keeps
 * its own.  Invariant: uc_api_load() succeeded before any other use.
 */
#ifndef T86_TESTS_UC_API_H
#define T86_TESTS_UC_API_H

#include <unicorn/unicorn.h>

struct uc_api {
    uc_err (*open)(uc_arch, uc_mode, uc_engine **);
    uc_err (*close)(uc_engine *);
    const char *(*strerror)(uc_err);
    uc_err (*ctl)(uc_engine *, uc_control_type, ...);
    uc_err (*mem_map_ptr)(uc_engine *, uint64_t, size_t, uint32_t, void *);
    uc_err (*mem_write)(uc_engine *, uint64_t, const void *, size_t);
    uc_err (*reg_write)(uc_engine *, int, const void *);
    uc_err (*reg_read)(uc_engine *, int, void *);
    uc_err (*reg_write_batch)(uc_engine *, int *, void *const *, int);
    uc_err (*reg_read_batch)(uc_engine *, int *, void **, int);
    uc_err (*hook_add)(uc_engine *, uc_hook *, int, void *, void *, uint64_t, uint64_t, ...);
    uc_err (*context_alloc)(uc_engine *, uc_context **);
    uc_err (*context_save)(uc_engine *, uc_context *);
    uc_err (*context_restore)(uc_engine *, uc_context *);
    uc_err (*context_free)(uc_context *);
    uc_err (*emu_start)(uc_engine *, uint64_t, uint64_t, uint64_t, size_t);
    uc_err (*emu_stop)(uc_engine *);
};

/** The loaded functions, or NULL (with a message on stderr) if loading failed. */
const struct uc_api *uc_api_load(void);

#endif
