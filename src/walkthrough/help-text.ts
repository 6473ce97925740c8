/** What `help` prints. */
export const HELP_TEXT = `Commands (the groups are A and B; an offset means partition 0, or write <partition>:<offset>):
  produce <text> [key]     send a message and print its partition and offset
                           (quote text with spaces: produce "Hello Kafka!" test-1)
  status                   each group as the broker describes it (kafka-consumer-groups --describe),
                           and what each consumer has received but not yet acknowledged
  ack <A|B> <offset>       acknowledge through <offset> for that group only: commits <offset>+1,
                           the next offset to read (ack A 4 acknowledges 0-4; ack A 1:4 is partition 1)
  reset <A|B> [<target>] [partition=<N>] [dry-run]
                           move that group's committed offsets as kafka-consumer-groups --reset-offsets
                           would; its consumer is stopped for the reset, as the broker requires, and
                           started again. <target> is one of:
                             earliest (the default), latest, <offset> (or <partition>:<offset>)
                             datetime:<ISO-8601 with zone>  the first offset at or after that time,
                                                            e.g. datetime:2026-01-01T12:00:00Z
                             by-duration:<PnDTnHnMnS>       the same, that long ago, e.g. by-duration:PT1H
                             shift:<±N>                     the committed offset moved by N, e.g. shift:-3;
                                                            stopped at the log start or end, as the tool does
                           partition=<N> resets that partition only (all by default); dry-run prints the
                           offsets it would set and changes nothing
  stall <A|B> <seconds>    a message is sent for that group's consumer, which holds on to it that long (stall A 10s):
                           past its session timeout (6 s) the broker removes it, and it reads the message again
  autocommit <A|B> <on|off>
                           that group's consumer commits what it has been handed on its own (every second and
                           at the end of each batch), or only when you ack (the default)
  scenario seed            play the original demo's session step by step, explaining each step
  help                     this list
  quit                     stop the consumers and the broker (so do Ctrl-C, Ctrl-D and the end of input)
Lines starting with # are comments.`;
