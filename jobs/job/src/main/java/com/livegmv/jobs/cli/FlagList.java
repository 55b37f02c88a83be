package com.livegmv.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the options of a command from the one line that names its flags, spelt as its usage line
 * shows them: {@code --out} is required, {@code [--seed=1]} optional with that default, {@code
 * [--input]...} repeatable. The kind of each flag (label, converter, GmvOptions option) comes from
 * {@link Converters#FLAGS}; its help from {@code flags.properties} beside the command's class (key
 * {@code COMMAND.FLAG}), else from its GmvOptions option, which then also gives its default.
 */
final class FlagList {
    private static final Pattern FLAG =
            Pattern.compile("(\\[)?(--[a-z0-9-]+)(?:=([^\\]\\s]+))?(])?(\\.\\.\\.)?");

    private FlagList() {}

    /**
     * Replaces the options of {@code spec} with its command's flags, in their order. An option
     * declared by annotation (--help, a mixin's) keeps its declaration and takes its kind; the line
     * names it only to give its place, unless it is --help, which comes first.
     */
    static void build(CommandSpec spec, String line) {
        Map<String, OptionSpec> declared = new LinkedHashMap<>();
        for (OptionSpec o : List.copyOf(spec.options())) {
            declared.put(o.longestName(), o);
            spec.remove(o);
        }
        spec.addOption(declared.remove("--help"));
        Properties help = help(spec.userObject().getClass());
        for (String token : line.strip().split("\\s+")) {
            Matcher m = FLAG.matcher(token);
            if (!m.matches() || (m.group(1) == null) != (m.group(4) == null)) {
                throw new IllegalStateException(spec.name() + ": cannot read flag " + token);
            }
            String flag = m.group(2);
            Converters.Kind kind = Converters.kind(spec.name(), flag);
            OptionSpec own = declared.remove(flag);
            spec.addOption(own != null ? completed(own, kind) : option(spec, help, kind, m));
        }
        if (!declared.isEmpty()) {
            throw new IllegalStateException(spec.name() + ": not in its flags: " + declared);
        }
    }

    /** An annotated option with its label and converter from its kind, unless it sets its own. */
    private static OptionSpec completed(OptionSpec o, Converters.Kind kind) {
        OptionSpec.Builder b = OptionSpec.builder(o);
        // picocli's own label is <field>: no @Option of gmv spells one so.
        if (o.paramLabel().startsWith("<")) {
            b.paramLabel(kind.label());
        }
        if (kind.converter() != null && o.converters().length == 0) {
            b.converters(kind.converter());
        }
        return b.build();
    }

    /** A flag the line declares: {@code m} is its token. */
    private static OptionSpec option(
            CommandSpec spec, Properties help, Converters.Kind kind, Matcher m) {
        Cli.Command command = (Cli.Command) spec.userObject();
        String flag = m.group(2);
        OptionSpec.Builder b = OptionSpec.builder(flag).required(m.group(1) == null);
        String text = help.getProperty(spec.name() + "." + flag.substring(2));
        if (text != null) {
            b.description(text);
        } else if (kind.option() != null) {
            b.descriptionKey(kind.option().key());
        } else {
            throw new IllegalStateException(
                    spec.name() + " " + flag + ": no flags.properties help");
        }
        if (m.group(3) != null) {
            b.defaultValue(m.group(3));
        }
        if (kind.label() == null) {
            return b.type(boolean.class).initialValue(false).build();
        }
        b.type(String.class)
                .paramLabel(kind.label())
                .completionCandidates(command.candidates(flag));
        if (kind.converter() != null) {
            b.converters(kind.converter());
        }
        if (m.group(5) != null) {
            b.type(List.class).auxiliaryTypes(String.class);
        }
        if (kind.split() != null) {
            b.splitRegex(kind.split()).hideParamSyntax(true);
        }
        return b.build();
    }

    /** The help texts of the flags of the commands in the package of {@code command}. */
    private static Properties help(Class<?> command) {
        Properties p = new Properties();
        try (InputStream in = command.getResourceAsStream("flags.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
