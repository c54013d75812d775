/*
 * error.c - the per-thread "last error" message behind kg_error_last().
 *
 * A fixed buffer per thread keeps error reporting allocation-free, so that
 * reporting KG_ENOMEM cannot itself fail.
 */
#include "kg/error.h"

#include <stdarg.h>
#include <stdio.h>

/* One line of message; longer ones are cut, which is fine for a message. */
#define KG_ERROR_MSG_MAX 1024

static _Thread_local char last_msg[KG_ERROR_MSG_MAX];

const char *kg_error_last(void)
{
    return last_msg;
}

int kg_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_msg, sizeof last_msg, fmt, ap);
    va_end(ap);
    return code;
}

void kg_error_clear(void)
{
    last_msg[0] = '\0';
}
