/*
 * cpu/gates.h - far transfers through call gates (gates.c).
 */
#ifndef T86_GATES_H
#define T86_GATES_H

#include "descriptor.h"

/**
 * Far JMP (@call false) or CALL through the call gate @g named by @gsel,
 * with every check of SDM Vol. 2 "CALL"/"JMP", including the stack switch
 * and parameter copy of a CALL to a more privileged level.
 */
void gate_transfer(struct cpu *c, uint16_t gsel, const struct desc *g, bool call);

#endif
