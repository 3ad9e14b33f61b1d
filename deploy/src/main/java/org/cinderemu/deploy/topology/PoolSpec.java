package org.cinderemu.deploy.topology;

/** One pool of an emulated backend: its name (the part after {@code #} in a volume's host) and its size. */
public record PoolSpec(String name, double totalCapacityGb) {

  public PoolSpec {
    Names.require("pool", name);
    if (!(totalCapacityGb >= 0)) {
      throw new TopologyException("pool " + name + ": capacity " + totalCapacityGb + " GB is not a size");
    }
  }
}
