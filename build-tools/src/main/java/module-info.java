/** Tools the build runs on the assembled distribution (see {@link dev.cairn.buildtools}); nothing of it is shipped. */
module dev.cairn.buildtools {
    requires org.objectweb.asm;
    exports dev.cairn.buildtools;
}
