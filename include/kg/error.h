/*
 * kg/error.h - error codes and the last error message.
 *
 * Every fallible kg call returns an int: 0 on success or a negative KG_E*
 * code. The human-readable reason (one line, naming the file and position
 * where there is one) is kept per thread and read with kg_error_last().
 *
 * Memory: the string returned by kg_error_last() is borrowed; it stays valid
 * until the next kg call on the same thread.
 */
#ifndef KG_ERROR_H
#define KG_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    KG_OK = 0,
    KG_ENOMEM = -1,   /* allocation failed */
    KG_EIO = -2,      /* reading or writing a file failed */
    KG_EPARSE = -3,   /* input is not well-formed (JSON, CoNLL, ...) */
    KG_EINVALID = -4, /* well-formed but not valid (not a kg graph, wrong type) */
    KG_ENOTFOUND = -5, /* a name or id that matches nothing */
    KG_EAMBIGUOUS = -6, /* a name that matches more than one entity */
    KG_ELIMIT = -7,   /* a named limit was exceeded */
    KG_EUSAGE = -8,   /* a caller passed arguments that make no sense */
    KG_ERENDER = -9   /* Graphviz failed to lay out or render */
} kg_error_code;

/* The message of the last error on this thread ("" if none). Borrowed. */
const char *kg_error_last(void);

/* Records a printf-style message as this thread's last error and returns
 * `code`, so that callers can write `return kg_error_set(KG_EIO, ...)`. */
int kg_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Forgets the last error. */
void kg_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif
