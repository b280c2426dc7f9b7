/*
 * tui_take.c - a section taken without quitting: y and Y copy it to the
 * terminal's clipboard (OSC 52, clip.h), | pipes it into a shell command
 * with the terminal given back while the command runs (as less's |), and
 * the checks p and P make before they quit, so that a print that would
 * be refused leaves the reader where they were.
 */
#include "tui_priv.h"

#include "lectern/clip.h"
#include "lectern/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The current section: the node and its source range (the root: the
 * whole document, as p prints it). */
static uint32_t section(tui *t, size_t *start, size_t *end)
{
    uint32_t node = lec_view_current(t->v);
    size_t len;
    lec_doc_source(t->doc, &len);
    *start = 0;
    *end = len;
    if (node) lec_node_range(t->doc, node, start, end);
    return node;
}

/* "620 bytes", "2.4 KB", "1.2 MB". */
static void put_size(lec_buf *b, size_t n)
{
    if (n < 1024)
        lec_buf_printf(b, "%zu bytes", n);
    else if (n < 1024 * 1024)
        lec_buf_printf(b, "%.1f KB", n / 1024.0);
    else
        lec_buf_printf(b, "%.1f MB", n / (1024.0 * 1024.0));
}

/* Where bytes for the terminal itself go: the terminal, or in test mode
 * the file LECTERN_TEST_TTY (tui.h).  Close with put_done. */
static FILE *tty_out(tui *t)
{
    if (!t->test) return t->out;
    const char *f = getenv("LECTERN_TEST_TTY");
    return f && *f ? fopen(f, "a") : NULL;
}

static void tty_done(tui *t, FILE *f)
{
    if (!f) return;
    fflush(f);
    if (f != t->out) fclose(f);
}

/* ---- y, Y ---------------------------------------------------------------- */

void tui_yank(tui *t, int plain)
{
    size_t start, end;
    uint32_t node = section(t, &start, &end);
    /* The text the largest sequence carries. */
    size_t max = (LEC_OSC52_MAX - lec_osc52_size(0)) / 4 * 3;
    lec_buf text = LEC_BUF_INIT, seq = LEC_BUF_INIT, size = LEC_BUF_INIT;
    if (!lec_clip_text(t->doc, node, plain, tui_text_cols(t), t->ambi, max, &text)) {
        put_size(&size, end - start);
        tui_message(t, 1, "this section is %s: more than terminals take through OSC 52 (%zu KB); p or | carry it",
                    size.data, max / 1024);
        lec_buf_free(&size);
        return;
    }
    lec_osc52(text.data, text.len, &seq);
    FILE *f = tty_out(t);
    if (f) fwrite(seq.data, 1, seq.len, f);
    tty_done(t, f);
    put_size(&size, text.len);
    /* tmux passes it on only with set-clipboard on (its default,
     * external, keeps programs from setting the clipboard). */
    const char *in_tmux = getenv("TMUX");
    if (in_tmux && *in_tmux)
        tui_message(t, 0, "copied %s (tmux needs set-clipboard on)", size.data);
    else
        tui_message(t, 0, "copied %s of %s to the clipboard", size.data,
                    plain ? "plain text" : "Markdown");
    lec_buf_free(&size);
    lec_buf_free(&seq);
    lec_buf_free(&text);
}

/* ---- p, P ---------------------------------------------------------------- */

int tui_print_refused(tui *t, int plain)
{
    if (t->o->out_closed) {
        tui_message(t, 1, "standard output is closed: nothing to print to");
        return 1;
    }
    if (plain || t->o->print_raw || !isatty(1)) return 0;
    size_t start, end, len;
    section(t, &start, &end);
    const char *src = lec_doc_source(t->doc, &len);
    if (!lec_str_has_controls(src + start, end - start)) return 0;
    tui_message(t, 1,
                "this section holds control characters: p would not write them to the terminal "
                "(--raw, or redirect the output; y and | take it)");
    return 1;
}

/* ---- | ------------------------------------------------------------------ */

/* Writes all of s to fd; stops quietly when the reader has gone (the
 * command did not read it all: head, a failing command). */
static void write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

/* Runs sh -c cmd with s[0..n) on its standard input and its output on
 * the terminal; returns its wait status, or -1 when it cannot run. */
static int run_command(tui *t, const char *cmd, const char *s, size_t n)
{
    int p[2];
    if (pipe(p) != 0) return -1;
    FILE *out = t->test ? tty_out(t) : NULL;
    int outfd = t->test ? (out ? fileno(out) : open("/dev/null", O_WRONLY)) : fileno(t->out);
    /* As system(): Ctrl-C and Ctrl-\ are the command's, not ours. */
    struct sigaction ign, old_int, old_quit;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* The dispositions a shell expects, and the terminal as its
         * standard output (ours may be a file that p writes to). */
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        dup2(p[0], 0);
        dup2(outfd, 1);
        dup2(outfd, 2);
        close(p[0]);
        close(p[1]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(p[0]);
    int status = -1;
    if (pid > 0) {
        write_all(p[1], s, n);
        close(p[1]);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    } else {
        close(p[1]);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (t->test) {
        if (out)
            tty_done(t, out);
        else
            close(outfd);
    }
    return status;
}

/* Waits for Enter on the terminal, as less does after !command. */
static void wait_enter(tui *t)
{
    static const char ask[] = "\n[press Enter to return to lectern]";
    int fd = fileno(t->out);
    write_all(fd, ask, sizeof ask - 1);
    char c;
    ssize_t r;
    while ((r = read(fileno(t->in), &c, 1)) > 0 || (r < 0 && errno == EINTR))
        if (r > 0 && (c == '\n' || c == '\r')) break;
}

static void pipe_done(tui *t, void *ctx, int rc, const char *text)
{
    (void)ctx;
    while (*text == ' ') text++;
    if (rc != 1 || !*text) return;
    size_t start, end, len;
    section(t, &start, &end);
    const char *src = lec_doc_source(t->doc, &len);
    if (!t->test) {
        /* The screen goes; the command's output shows on the terminal. */
        tui_terminal_leave();
        fflush(t->out);
    }
    int status = run_command(t, text, src + start, end - start);
    if (!t->test) {
        wait_enter(t);
        tui_terminal_enter();
        tui_out_invalidate(t->outl);
    }
    if (status < 0)
        tui_message(t, 1, "| %s: cannot be run", text);
    else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        tui_message(t, 0, "| %s: done", text);
    else if (WIFEXITED(status))
        tui_message(t, 1, "| %s: exit status %d", text, WEXITSTATUS(status));
    else
        tui_message(t, 1, "| %s: ended by signal %d", text, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

void tui_pipe(tui *t)
{
    static const prompt_ops ops = {NULL, NULL, pipe_done, NULL, 0, NULL};
    tui_prompt_open(t, "|", "", &ops, NULL);
}
