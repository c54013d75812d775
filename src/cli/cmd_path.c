/* cmd_path.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_path(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: path: not built yet\n");
    return KG_EXIT_DATA;
}
