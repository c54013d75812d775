/* cmd_extract.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_extract(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: extract: not built yet\n");
    return KG_EXIT_DATA;
}
