#include "util/kvopt.h"

#include <stdio.h>
#include <string.h>

int kvopt_next(const char **s, kvopt_t *kv)
{
    const char *p = *s;
    if (!*p)
        return 0;
    size_t tok = strcspn(p, ",");
    size_t key = strcspn(p, "=,");
    *s = p + tok + (p[tok] == ',');
    snprintf(kv->key, sizeof(kv->key), "%.*s", (int)key, p);
    kv->has_val = key < tok;
    kv->val[0] = '\0';
    if (key == 0 || key >= sizeof(kv->key))
        return -1;
    if (kv->has_val) {
        size_t vlen = tok - key - 1;
        if (vlen >= sizeof(kv->val))
            return -1;
        memcpy(kv->val, p + key + 1, vlen);
        kv->val[vlen] = '\0';
    }
    return 1;
}

bool kvopt_bool(const char *val, bool *out)
{
    static const char *const yes[] = {"on", "yes", "true", "1"};
    static const char *const no[] = {"off", "no", "false", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(val, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcmp(val, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}
