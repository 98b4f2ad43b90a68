/*
 * devices/fw_cfg.c - QEMU firmware configuration device, traditional
 * interface (see fw_cfg.h; facts from QEMU docs/specs/fw_cfg.rst).
 *
 * Items live in one array: numeric items and files alike, each with its
 * key; files also carry a name.  The directory (0x0019) is an ordinary
 * item rebuilt whenever a file is added.  Invariants: keys are unique in
 * the array; file keys are FW_CFG_FILE_FIRST + their order of addition;
 * offset <= the selected item's length (0 when it does not exist).
 */
#include "fw_cfg.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct fw_cfg_item {
    uint16_t key;
    uint32_t len;
    uint8_t *data;
    char name[FW_CFG_NAME_MAX]; /**< "" for numeric items */
};

struct fw_cfg {
    uint16_t selector;
    uint32_t offset;
    struct fw_cfg_item *items;
    unsigned nitems, cap, nfiles;
};

const struct state_desc fw_cfg_state_desc = {
    "fw_cfg",
    1,
    sizeof(struct fw_cfg),
    (const struct state_field[]){
        STATE_FIELD(struct fw_cfg, selector, 1),
        STATE_FIELD(struct fw_cfg, offset, 1),
    },
    2,
};

enum { DIR_ENTRY_SIZE = 64, MAX_FILES = FW_CFG_WRITE_CHANNEL - FW_CFG_FILE_FIRST };

static struct fw_cfg_item *find_key(const struct fw_cfg *fw, uint16_t key)
{
    for (unsigned k = 0; k < fw->nitems; k++)
        if (fw->items[k].key == key)
            return &fw->items[k];
    return NULL;
}

static struct fw_cfg_item *find_file(const struct fw_cfg *fw, const char *name)
{
    for (unsigned k = 0; k < fw->nitems; k++)
        if (fw->items[k].name[0] && !strcmp(fw->items[k].name, name))
            return &fw->items[k];
    return NULL;
}

/* The item with @key, created empty when missing; NULL without memory. */
static struct fw_cfg_item *get_slot(struct fw_cfg *fw, uint16_t key)
{
    struct fw_cfg_item *it = find_key(fw, key);
    if (it)
        return it;
    if (fw->nitems == fw->cap) {
        unsigned cap = fw->cap ? fw->cap * 2 : 16;
        struct fw_cfg_item *n = realloc(fw->items, cap * sizeof(*n));
        if (!n)
            return NULL;
        fw->items = n;
        fw->cap = cap;
    }
    it = &fw->items[fw->nitems++];
    memset(it, 0, sizeof(*it));
    it->key = key;
    return it;
}

/* Store a copy of @len bytes at @data under @key. */
static int set_item(struct fw_cfg *fw, uint16_t key, const void *data, uint32_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    if (len)
        memcpy(copy, data, len);
    struct fw_cfg_item *it = get_slot(fw, key);
    if (!it) {
        free(copy);
        return -1;
    }
    free(it->data);
    it->data = copy;
    it->len = len;
    if ((fw->selector & ~FW_CFG_WRITE_CHANNEL) == key && fw->offset > len) /* offset <= len */
        fw->offset = len;
    return 0;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    for (unsigned k = 0; k < 4; k++)
        p[k] = (uint8_t)(v >> (24 - 8 * k));
}

static void put_le(uint8_t *p, uint64_t v, unsigned width)
{
    for (unsigned k = 0; k < width; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

/* Rebuild the directory item from the files (fw_cfg.rst, "File Directory"). */
static int rebuild_directory(struct fw_cfg *fw)
{
    uint32_t len = 4 + DIR_ENTRY_SIZE * fw->nfiles;
    uint8_t *dir = calloc(1, len);
    if (!dir)
        return -1;
    put_be32(dir, fw->nfiles);
    for (unsigned k = 0; k < fw->nitems; k++) {
        const struct fw_cfg_item *it = &fw->items[k];
        if (!it->name[0])
            continue;
        uint8_t *e = dir + 4 + DIR_ENTRY_SIZE * (it->key - FW_CFG_FILE_FIRST);
        put_be32(e, it->len);
        e[4] = (uint8_t)(it->key >> 8);
        e[5] = (uint8_t)it->key;
        memcpy(e + 8, it->name, strlen(it->name)); /* rest stays NUL */
    }
    int r = set_item(fw, FW_CFG_FILE_DIR, dir, len);
    free(dir);
    return r;
}

static bool reserved_key(uint16_t key)
{
    return key == FW_CFG_SIGNATURE || key == FW_CFG_ID || key == FW_CFG_FILE_DIR ||
           (key & FW_CFG_WRITE_CHANNEL) || (key >= FW_CFG_FILE_FIRST && key < FW_CFG_WRITE_CHANNEL);
}

int fw_cfg_add_item(struct fw_cfg *fw, uint16_t key, const void *data, uint32_t len)
{
    if (reserved_key(key))
        return -1;
    return set_item(fw, key, data, len);
}

int fw_cfg_add_item_int(struct fw_cfg *fw, uint16_t key, uint64_t value, unsigned width)
{
    uint8_t b[8];
    if (width != 1 && width != 2 && width != 4 && width != 8)
        return -1;
    put_le(b, value, width);
    return fw_cfg_add_item(fw, key, b, width);
}

int fw_cfg_add_file(struct fw_cfg *fw, const char *name, const void *data, uint32_t len)
{
    size_t nlen = name ? strlen(name) : 0;
    if (!nlen || nlen >= FW_CFG_NAME_MAX)
        return -1;
    struct fw_cfg_item *old = find_file(fw, name);
    if (!old && fw->nfiles >= MAX_FILES)
        return -1;
    uint16_t key = old ? old->key : (uint16_t)(FW_CFG_FILE_FIRST + fw->nfiles);
    if (set_item(fw, key, data, len) < 0)
        return -1;
    if (!old) {
        memcpy(find_key(fw, key)->name, name, nlen + 1);
        fw->nfiles++;
    }
    if (rebuild_directory(fw) < 0)
        return -1;
    return key;
}

int fw_cfg_add_file_int(struct fw_cfg *fw, const char *name, uint64_t value, unsigned width)
{
    uint8_t b[8];
    if (width != 1 && width != 2 && width != 4 && width != 8)
        return -1;
    put_le(b, value, width);
    return fw_cfg_add_file(fw, name, b, width);
}

/* ---- helpers for the board ---------------------------------------------- */

size_t fw_cfg_e820_encode(uint8_t *out, size_t cap, const struct fw_cfg_e820_entry *e, unsigned n)
{
    size_t need = (size_t)n * FW_CFG_E820_ENTRY_SIZE;
    if (!out || cap < need)
        return need;
    for (unsigned k = 0; k < n; k++) {
        uint8_t *p = out + (size_t)k * FW_CFG_E820_ENTRY_SIZE;
        put_le(p, e[k].address, 8);
        put_le(p + 8, e[k].length, 8);
        put_le(p + 16, e[k].type, 4);
    }
    return need;
}

size_t fw_cfg_bootorder_encode(char *out, size_t cap, const char *const *paths, unsigned n)
{
    size_t need = 1; /* the NUL */
    for (unsigned k = 0; k < n; k++)
        need += strlen(paths[k]) + (k ? 1 : 0);
    if (!out || cap < need)
        return need;
    char *p = out;
    for (unsigned k = 0; k < n; k++) {
        if (k)
            *p++ = '\n';
        size_t l = strlen(paths[k]);
        memcpy(p, paths[k], l);
        p += l;
    }
    *p = '\0';
    return need;
}

int fw_cfg_add_e820(struct fw_cfg *fw, const struct fw_cfg_e820_entry *e, unsigned n)
{
    size_t need = fw_cfg_e820_encode(NULL, 0, e, n);
    uint8_t *buf = malloc(need ? need : 1);
    if (!buf || need > UINT32_MAX) {
        free(buf);
        return -1;
    }
    fw_cfg_e820_encode(buf, need, e, n);
    int r = fw_cfg_add_file(fw, "etc/e820", buf, (uint32_t)need);
    free(buf);
    return r;
}

int fw_cfg_add_bootorder(struct fw_cfg *fw, const char *const *paths, unsigned n)
{
    size_t need = fw_cfg_bootorder_encode(NULL, 0, paths, n);
    char *buf = malloc(need);
    if (!buf || need > UINT32_MAX) {
        free(buf);
        return -1;
    }
    fw_cfg_bootorder_encode(buf, need, paths, n);
    int r = fw_cfg_add_file(fw, "bootorder", buf, (uint32_t)need);
    free(buf);
    return r;
}

/* ---- the ports ------------------------------------------------------------ */

/* The next data byte of the selected item, 0 past its end (fw_cfg.rst). */
static uint8_t next_byte(struct fw_cfg *fw)
{
    const struct fw_cfg_item *it = find_key(fw, fw->selector & ~FW_CFG_WRITE_CHANNEL);
    if (!it || fw->offset >= it->len)
        return 0;
    return it->data[fw->offset++];
}

/* Any read of 0x510-0x511 returns @size successive data bytes, the first
   in the least significant byte (the order byte reads would see them). */
static uint32_t port_read(void *opaque, uint32_t offset, unsigned size)
{
    struct fw_cfg *fw = opaque;
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)next_byte(fw) << (8 * k);
    return v;
}

/* A 16-bit write at 0x510 selects; data writes and byte writes to the
   selector are ignored (the write channel is gone, fw_cfg.rst). */
static void port_write(void *opaque, uint32_t offset, uint32_t val, unsigned size)
{
    struct fw_cfg *fw = opaque;
    if (offset != 0 || size != 2)
        return;
    fw->selector = (uint16_t)val;
    fw->offset = 0;
}

static const struct bus_ops fw_cfg_ops = {
    .read = port_read,
    .write = port_write,
    .min_size = 1,
    .max_size = 2,
};

/* The built-in items: signature and ID, and an empty directory. */
static int add_builtins(struct fw_cfg *fw)
{
    uint8_t id[4];
    put_le(id, FW_CFG_ID_TRADITIONAL, 4);
    if (set_item(fw, FW_CFG_SIGNATURE, "QEMU", 4) < 0 || set_item(fw, FW_CFG_ID, id, 4) < 0)
        return -1;
    return rebuild_directory(fw);
}

struct fw_cfg *fw_cfg_create(struct bus *io)
{
    struct fw_cfg *fw = calloc(1, sizeof(*fw));
    if (!fw)
        return NULL;
    if (add_builtins(fw) < 0 ||
        bus_map(io, "fw_cfg", FW_CFG_PORT_SELECTOR, 2, &fw_cfg_ops, fw) < 0) {
        fw_cfg_destroy(fw);
        return NULL;
    }
    return fw;
}

void fw_cfg_destroy(struct fw_cfg *fw)
{
    if (!fw)
        return;
    for (unsigned k = 0; k < fw->nitems; k++)
        free(fw->items[k].data);
    free(fw->items);
    free(fw);
}

void fw_cfg_reset(struct fw_cfg *fw)
{
    fw->selector = 0;
    fw->offset = 0;
}
