# fish completion for lectern (installed into fish's vendor_completions.d).
#
# Every option is a row of the table: NAME, what follows it, and what it
# does, separated by tabs.  NAME is the long name (--toc) or the short one
# (-h).  What follows:
#   -        nothing (a flag)
#   @file    a file name
#   @addr    an address in the document on the command line (lectern --toc)
#   @any     a value that cannot be guessed (a number, a pattern)
#   WORDS    one of these words (separated by spaces)
# A new option of lectern is a new row here, in completions/bash/lectern and
# in completions/zsh/_lectern (zsh); tests/completion.sh fails until all three
# have every option `lectern --help` prints.
set -l __lectern_table \
    '--toc	-	print the outline with addresses' \
    '--outline	-	print the outline as TSV' \
    '--print	@addr	print the node at an address' \
    '--dump	-	print the whole document as wrapped text' \
    '--convert	-	print the Markdown recovered from plain text' \
    '--list	-	print the library of the paths as TSV' \
    '--grep	@any	print every hit of a pattern in the library as TSV' \
    '--regex	-	with --grep: the pattern is a regular expression' \
    '-E	-	with --grep: the pattern is a regular expression' \
    '--from	text markdown	read the file as plain text or Markdown' \
    '--plain	-	with --print: plain text instead of Markdown' \
    '--raw	-	write control characters even to a terminal' \
    '--width	@any	wrap width in cells' \
    '--ambiwidth	1 2	cells of East Asian ambiguous characters' \
    '--mouse	-	scroll with the mouse wheel in the browser' \
    '--no-script-fold	-	search Simplified and Traditional apart' \
    '--no-remember	-	do not open the file where it was left' \
    '--no-mouse	-	no mouse wheel (the default)' \
    '--theme	auto dark light mono	the colours of the browser' \
    '--cursor-row	terminal highlight	how the cursor row is marked' \
    '--config	@file	read settings from this file' \
    '--no-config	-	read no configuration file' \
    '--keys	-	list the browser\'s keys' \
    '--help	-	show the help' \
    '-h	-	show the help' \
    '--version	-	show the version' \
    '-V	-	show the version'

# The options that take a value, for __lectern_addresses.
set -g __lectern_valued
for row in $__lectern_table
    set -l f (string split \t -- $row)
    test "$f[2]" != - && set -a __lectern_valued $f[1]
end

# The addresses of the document named on the line, as `lectern --toc`
# prints them, each with its marker and title.
function __lectern_addresses
    set -l tokens (commandline -op)
    set -l before (count (commandline -opc))
    set -l current (commandline -ct)
    set -l file
    set -l from
    set -l prev
    set -l i 1
    for w in $tokens[2..-1]
        set i (math $i + 1)
        set -l p $prev
        set prev $w
        # The token under the cursor is the address being completed.
        test -n "$current" && test $i -eq (math $before + 1) && continue
        if contains -- $p $__lectern_valued
            test $p = --from && set from --from $w
            continue
        end
        switch $w
            case '--from=*'
                set from $w
            case '--*=*'
            case -
                set file -
            case '-*'
            case '*'
                test -z "$file" && set file $w
        end
    end
    set file (string replace -r '^~/' "$HOME/" -- $file)
    test -n "$file" -a "$file" != - -a -f "$file" -a -r "$file"; or return
    $tokens[1] --toc $from -- $file 2>/dev/null |
        string replace -rf '^\s*([0-9][0-9.]*) (.*)$' '$1\t$2'
end

for row in $__lectern_table
    set -l f (string split \t -- $row)
    set -l name
    if string match -q -- '--*' $f[1]
        set name -l (string sub -s 3 -- $f[1])
    else
        set name -s (string sub -s 2 -- $f[1])
    end
    switch $f[2]
        case -
            complete -c lectern $name -d $f[3]
        case @file
            complete -c lectern $name -r -F -d $f[3]
        case @addr
            complete -c lectern $name -x -a '(__lectern_addresses)' -d $f[3]
        case @any
            complete -c lectern $name -x -d $f[3]
        case '*'
            complete -c lectern $name -x -a "$f[2]" -d $f[3]
    end
end
