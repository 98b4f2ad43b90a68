/*
 * cpu/gates.c - far JMP and CALL through call gates (SDM Vol. 3, 5.8.3
 * "Call Gates", 5.8.4 "Accessing a Code Segment Through a Call Gate",
 * 5.8.5 "Stack Switching", 5.8.6; Vol. 2 "CALL" and "JMP", Operation).
 *
 * Invariants: every check, the parameter reads from the caller's stack and
 * the pushes onto the callee's stack happen before CS, EIP, SS or ESP
 * change; a CALL to a more privileged non-conforming segment switches to
 * the TSS stack of that level and copies the gate's parameter count.
 */
#include "gates.h"

#include "stackswitch.h"

/* Gate checks: DPL >= CPL and >= RPL, present (#GP / #NP with the gate). */
static void check_gate(struct cpu *c, uint16_t gsel, const struct desc *g)
{
    unsigned dpl = desc_dpl(g);
    if (dpl < c->cpl || dpl < (gsel & 3u))
        cpu_fault(c, EXC_GP, gsel & 0xFFFC);
    if (!desc_present(g))
        cpu_fault(c, EXC_NP, gsel & 0xFFFC);
}

/* The gate's code segment: code with DPL <= CPL (JMP: the same-privilege
 * rule for non-conforming code), present. */
static void check_gate_target(struct cpu *c, uint16_t sel, struct desc *cs, bool call)
{
    if ((sel & 0xFFFC) == 0)
        cpu_fault(c, EXC_GP, 0);
    desc_load(c, sel, cs, EXC_GP, 0);
    if (!desc_is_code(cs) || desc_dpl(cs) > c->cpl)
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    if (!call && !desc_bit_c_e(cs) && desc_dpl(cs) != c->cpl)
        cpu_fault(c, EXC_GP, sel & 0xFFFC);
    if (!desc_present(cs))
        cpu_fault(c, EXC_NP, sel & 0xFFFC);
}

/* Load CS (RPL = @cpl) and EIP after every check passed. */
static void enter_code(struct cpu *c, uint16_t sel, struct desc *cs, unsigned cpl, uint32_t eip)
{
    desc_set_accessed(c, sel, cs);
    seg_cache_set(&c->seg[SEG_CS], (uint16_t)((sel & ~3u) | cpl), cs);
    cpu_set_cpl(c, cpl);
    c->code32 = c->seg[SEG_CS].attr & SA_DB;
    seg_refresh(c, SEG_CS);
    c->eip = eip;
}

/* CALL to an inner level: new stack from the TSS with SS, ESP, the copied
 * parameters, CS and EIP (SDM Vol. 3, Figure 5-13). */
static void call_inner(struct cpu *c, const struct desc *g, uint16_t sel, struct desc *cs,
                       uint32_t target, unsigned size)
{
    unsigned dpl = desc_dpl(cs), params = g->hi & 0x1F;
    uint16_t ss_sel;
    uint32_t top, sp;
    struct desc ssd;
    tss_inner_stack(c, dpl, 0, &ss_sel, &top, &ssd);
    struct frame f = {.count = 0, .size = size};
    f.v[f.count++] = c->seg[SEG_SS].sel;
    f.v[f.count++] = c->gpr[R_ESP];
    for (unsigned k = params; k-- > 0;) /* highest parameter pushed first */
        f.v[f.count++] = stack_peek(c, k * size, size);
    f.v[f.count++] = c->seg[SEG_CS].sel;
    f.v[f.count++] = c->eip;
    struct cpu_seg new_ss;
    seg_cache_set(&new_ss, ss_sel, &ssd);
    frame_push(c, &new_ss, top, &f, &sp, ss_sel & 0xFFFC, dpl == 3);
    stack_commit(c, ss_sel, &ssd, sp, top);
    enter_code(c, sel, cs, dpl, target);
}

/* CALL at the same level through a gate: push CS and EIP (gate size). */
static void call_same(struct cpu *c, uint16_t sel, struct desc *cs, uint32_t target,
                      unsigned size)
{
    struct frame f = {.count = 2, .size = size};
    f.v[0] = c->seg[SEG_CS].sel;
    f.v[1] = c->eip;
    uint32_t sp;
    frame_push(c, &c->seg[SEG_SS], stack_ptr(c), &f, &sp, 0, c->cpl == 3);
    set_stack_ptr(c, sp);
    enter_code(c, sel, cs, c->cpl, target);
}

void gate_transfer(struct cpu *c, uint16_t gsel, const struct desc *g, bool call)
{
    check_gate(c, gsel, g);
    bool wide = desc_type(g) == DT_CALL32;
    uint16_t sel = gate_selector(g);
    uint32_t target = gate_offset(g, wide);
    struct desc cs;
    check_gate_target(c, sel, &cs, call);
    if (target > desc_limit(&cs))
        cpu_fault(c, EXC_GP, 0);
    if (!call) {
        enter_code(c, sel, &cs, c->cpl, target);
        return;
    }
    if (!desc_bit_c_e(&cs) && desc_dpl(&cs) < c->cpl)
        call_inner(c, g, sel, &cs, target, wide ? 4 : 2);
    else
        call_same(c, sel, &cs, target, wide ? 4 : 2);
}
