#!/bin/sh
# Fills DJL's engine cache from the PyTorch native jar and the JNI jar, the way DJL itself does on
# its first start (deploy-tests' DjlCacheScriptTest checks the layout against DJL's own extraction
# for the CPU flavour). Images run it at build time so that pods start offline without first
# copying ~430 MB (CPU) or several GB (CUDA) out of the jar. It is needed for the CUDA image in
# particular: DJL refuses a CUDA native jar on a machine without a GPU, so there the engine cannot
# simply be started once at build time.
#
# usage: djl-cache-from-jars.sh NATIVE_JAR JNI_JAR CACHE_DIR
set -eu

if [ "$#" -ne 3 ]; then
  echo "usage: $0 NATIVE_JAR JNI_JAR CACHE_DIR" >&2
  exit 2
fi
native_jar=$1
jni_jar=$2
cache_dir=$3

# native/lib/pytorch.properties names the build (version=2.7.1-20250812), the flavour (cpu, cu128),
# the platform and the libraries; DJL's folder is pytorch/{version}-{flavor}-{classifier}/.
props=$(unzip -p "$native_jar" native/lib/pytorch.properties)
prop() { printf '%s\n' "$props" | sed -n "s/^$1=//p" | tr -d '\r'; }
version=$(prop version)
flavor=$(prop flavor)
classifier=$(prop classifier)
libraries=$(prop libraries)
if [ -z "$version" ] || [ -z "$flavor" ] || [ -z "$classifier" ] || [ -z "$libraries" ]; then
  echo "$native_jar: native/lib/pytorch.properties lacks version, flavor, classifier or libraries" >&2
  exit 1
fi

# jnilib/pytorch.properties: jni_version=2.7.1-0.36.0, i.e. {pytorch}-{djl}; DJL prefixes the JNI
# library with its own version.
jni_version=$(unzip -p "$jni_jar" jnilib/pytorch.properties | sed -n 's/^jni_version=//p' | tr -d '\r')
djl_version=${jni_version##*-}
if [ -z "$djl_version" ]; then
  echo "$jni_jar: jnilib/pytorch.properties lacks jni_version" >&2
  exit 1
fi

target="$cache_dir/pytorch/$version-$flavor-$classifier"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
for lib in $(printf '%s' "$libraries" | tr ',' ' '); do
  unzip -q -j "$native_jar" "pytorch/$flavor/$classifier/$lib" -d "$staging"
done
unzip -q -p "$jni_jar" "jnilib/$classifier/$flavor/libdjl_torch.so" > "$staging/$djl_version-libdjl_torch.so"

mkdir -p "$target"
mv "$staging"/* "$target"/
echo "DJL cache: $target ($(ls "$target" | wc -l) files)"
