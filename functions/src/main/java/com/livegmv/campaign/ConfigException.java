package com.livegmv.campaign;

/** A configuration that must not start. The message names the campaign and the field. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
