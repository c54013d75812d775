/*
 * test_util.c - atomic output files (kg_out_*): a replaced file keeps its
 * permission bits, an output path that is a symbolic link is written
 * through to its target, and a failed write names the system's reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "kg/error.h"
#include "util.h"

static char dir[] = "/tmp/kg-test-util-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void in_dir(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void write_text(const char *path, const char *text)
{
    kg_out o;
    assert_int_equal(kg_out_open(&o, path), 0);
    fputs(text, o.f);
    assert_int_equal(kg_out_commit(&o), 0);
}

static void assert_contents(const char *path, const char *want)
{
    char got[256] = {0};
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    got[n] = '\0';
    assert_string_equal(got, want);
}

static void out_commit_should_keep_the_replaced_file_mode(void **state)
{
    (void)state;
    char path[256];
    in_dir(path, sizeof path, "private.json");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    static const mode_t modes[] = {0600, 0640, 0755};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(chmod(path, modes[i]), 0);
        write_text(path, "new\n");
        struct stat st;
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 07777, modes[i]);
    }
    assert_contents(path, "new\n");
}

static void out_commit_should_give_a_new_file_the_umask_mode(void **state)
{
    (void)state;
    char path[256];
    in_dir(path, sizeof path, "fresh.json");
    mode_t old = umask(022);
    write_text(path, "x\n");
    umask(old);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
}

static void out_commit_should_write_through_a_symlink(void **state)
{
    (void)state;
    char sub[256], target[256], link[256];
    in_dir(sub, sizeof sub, "real");
    assert_int_equal(mkdir(sub, 0700), 0);
    in_dir(target, sizeof target, "real/graph.json");
    in_dir(link, sizeof link, "link.json");
    write_text(target, "old\n");
    assert_int_equal(chmod(target, 0600), 0);
    assert_int_equal(symlink("real/graph.json", link), 0); /* relative, as users make them */
    write_text(link, "through the link\n");
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_contents(target, "through the link\n");
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
}

static void out_commit_should_create_the_target_of_a_dangling_symlink(void **state)
{
    (void)state;
    char target[256], link[256];
    in_dir(target, sizeof target, "later.json");
    in_dir(link, sizeof link, "dangling.json");
    assert_int_equal(symlink("later.json", link), 0);
    write_text(link, "created\n");
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_contents(target, "created\n");
}

static void out_commit_should_name_the_reason_of_a_failed_write(void **state)
{
    (void)state;
    kg_out o;
    if (kg_out_open(&o, "/dev/full") != 0)
        skip();
    char block[8192];
    memset(block, 'x', sizeof block);
    fwrite(block, 1, sizeof block, o.f);
    assert_int_equal(kg_out_commit(&o), KG_EIO);
    assert_string_equal(kg_error_last(), "/dev/full: write failed: No space left on device");
}

static void out_open_should_refuse_a_directory(void **state)
{
    (void)state;
    kg_out o;
    assert_int_equal(kg_out_open(&o, dir), KG_EIO);
    assert_non_null(strstr(kg_error_last(), ": is a directory"));
    assert_null(o.f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(out_commit_should_keep_the_replaced_file_mode),
        cmocka_unit_test(out_commit_should_give_a_new_file_the_umask_mode),
        cmocka_unit_test(out_commit_should_write_through_a_symlink),
        cmocka_unit_test(out_commit_should_create_the_target_of_a_dangling_symlink),
        cmocka_unit_test(out_commit_should_name_the_reason_of_a_failed_write),
        cmocka_unit_test(out_open_should_refuse_a_directory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
