# zsh -f zsh.zsh FPATHDIR OUT LINE: completes LINE in a real zsh.
#
# An interactive zsh (zsh -f -i) on a pseudo-terminal (zsh/zpty) puts
# FPATHDIR first in $fpath, runs compinit, wraps compadd so that every
# match added is written to OUT (one a line), and gets LINE with the
# cursor moved back to the ^ in it (C-b; at the end when there is none)
# and a Tab.
zmodload zsh/zpty || exit 2
typeset dir=$1 out=$2 line=$3 left right
: >$out
if [[ $line == *^* ]]; then left=${line%%^*} right=${line#*^}; else left=$line right=; fi
zpty z 'TERM=xterm zsh -f -i' || exit 2
zpty -w z "PS1='> '; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { local -a __m; builtin compadd -A __m \"\$@\"; print -rl -- \$__m >>${(q)out}; builtin compadd \"\$@\"; }"
# When the completion ends, _main_complete calls comppostfuncs: it creates
# OUT.done.
zpty -w z "zstyle ':completion:*' menu no; compprefuncs=(__pre); __pre() { comppostfuncs=(__post) }; __post() { : >${(q)out}.done }; print -r RE''ADY"
zpty -r -m z x '*READY*' || exit 3
rm -f $out.done
# The line, the cursor moved back over RIGHT (C-b), a Tab; once the
# completion has ended the line is cleared (C-e C-u: typed earlier, C-u
# could reach the terminal while it is still in canonical mode and erase
# the line before zle reads it) and DONE printed.
zpty -w -n z "$left$right${(pl:${#right}::\C-b:)}"$'\t'
integer n=0
while [[ ! -e $out.done ]]; do
  (( ++n > 2000 )) && { print -u2 "zsh.zsh: the completion did not end"; exit 4 }
  sleep 0.01
done
rm -f $out.done
zpty -w -n z $'\C-e\C-u'
zpty -w z "print -r DO''NE"
zpty -r -m z x '*DONE*' || exit 4
zpty -d z
cat $out
