/* gen.h — synthetic but well-formed guide sources for benchmarks. */
#ifndef TOOLS_GEN_H
#define TOOLS_GEN_H

#include <stddef.h>

/* Write 16 departments and n items under dir (created if missing), varied
 * deterministically by seed. 0, or -1 with a message in err. */
int gen_write(const char *dir, int n, unsigned long seed, char *err, size_t errlen);

#endif
