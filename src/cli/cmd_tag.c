/* cmd_tag.c - PLACEHOLDER until its module lands; replace entirely. */
#include "cli.h"
#include <stdio.h>
int cmd_tag(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kg: tag: not built yet\n");
    return KG_EXIT_DATA;
}
