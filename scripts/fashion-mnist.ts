/**
 * Makes Fashion-MNIST available to the tests when it can: if Debian's dataset-fashion-mnist package is missing and
 * this runs as root with apt-get, it installs it. Otherwise it says so and the tests that need the real files are
 * skipped (the site itself never needs them: its Fashion-MNIST figures come from committed reference runs).
 */
import { execFileSync } from "node:child_process";
import { FASHION_MNIST_DIR, fashionMnistAvailable } from "../src/lib/datasets/fashion-mnist.ts";

if (!fashionMnistAvailable()) {
  if (process.getuid?.() === 0) {
    try {
      console.log("Fashion-MNIST not found: installing Debian's dataset-fashion-mnist package with apt-get…");
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
      execFileSync("apt-get", ["install", "-y", "-qq", "dataset-fashion-mnist"], { stdio: "inherit", env });
    } catch (e) {
      console.log(`Could not install dataset-fashion-mnist (${(e as Error).message}): its tests will be skipped.`);
    }
  } else {
    console.log(`Fashion-MNIST is not in ${FASHION_MNIST_DIR} (sudo apt-get install dataset-fashion-mnist): its tests will be skipped.`);
  }
}
console.log(`Fashion-MNIST: ${fashionMnistAvailable() ? FASHION_MNIST_DIR : "not installed"}`);
