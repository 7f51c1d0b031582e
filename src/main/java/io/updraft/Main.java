package io.updraft;

import io.updraft.cli.AdminCommand;
import io.updraft.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code updraft serve | admin …}: see {@code --help} of each command. */
@Command(name = "updraft", mixinStandardHelpOptions = true, version = "Updraft 0.1.0",
        description = "Self-hosted OTA update server that speaks the Alibaba Cloud IoT Platform API (Iot 2018-01-20).",
        subcommands = {ServeCommand.class, AdminCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        int exit = new CommandLine(new Main()).execute(args);
        if (exit != 0 || args.length == 0 || !args[0].equals("serve")) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
