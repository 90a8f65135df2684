/* fuzz_config.c — libFuzzer target: kiosk.conf parsing never crashes. */
#include <stddef.h>
#include <stdint.h>
#include "base/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Config c;
	char err[512];
	config_defaults(&c);
	config_load_text(&c, "fuzz.conf", (const char *)data, size, err, sizeof err);
	return 0;
}
