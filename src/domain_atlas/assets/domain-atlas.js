/* Domain Atlas: interactive diagrams (progressive enhancement of the build-time SVG). */
