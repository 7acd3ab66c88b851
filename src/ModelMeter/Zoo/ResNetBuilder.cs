using ModelMeter.Graphs;

namespace ModelMeter.Zoo;

/// <summary>
/// torchvision ResNet family (v1.5: the stride sits on the 3×3 conv of a bottleneck), ImageNet head, 224×224: plain
/// ResNet, ResNeXt (grouped 3×3 conv) and Wide ResNet (wider bottleneck) through <c>groups</c> and <c>widthPerGroup</c>.
/// </summary>
internal static class ResNetBuilder
{
    public static Model Build(string name, bool bottleneck, int[] blocks, bool withWeights, long groups = 1, long widthPerGroup = 64)
    {
        var b = new GraphBuilder(name, withWeights);
        var x = b.AddInput("input", DataType.Float, Dim.Symbol("batch"), 3, 224, 224);
        x = ZooLayers.ConvBn(b, x, "conv1", "bn1", 3, 64, 7, 2);
        x = ZooLayers.MaxPool(b, x, "maxpool", 3, 2, 1);
        long expansion = bottleneck ? 4 : 1, inplanes = 64;
        for (int layer = 0; layer < 4; layer++)
        {
            long planes = 64L << layer;
            long width = planes * widthPerGroup / 64 * groups;
            for (int i = 0; i < blocks[layer]; i++)
            {
                long stride = layer > 0 && i == 0 ? 2 : 1;
                var p = $"layer{layer + 1}.{i}";
                var identity = x;
                string y;
                if (bottleneck)
                {
                    y = ZooLayers.ConvBn(b, x, p + ".conv1", p + ".bn1", inplanes, width, 1, 1);
                    y = ZooLayers.ConvBn(b, y, p + ".conv2", p + ".bn2", width, width, 3, stride, groups);
                    y = ZooLayers.ConvBn(b, y, p + ".conv3", p + ".bn3", width, planes * expansion, 1, 1, act: Act.None);
                }
                else
                {
                    y = ZooLayers.ConvBn(b, x, p + ".conv1", p + ".bn1", inplanes, planes, 3, stride);
                    y = ZooLayers.ConvBn(b, y, p + ".conv2", p + ".bn2", planes, planes, 3, 1, act: Act.None);
                }
                if (stride != 1 || inplanes != planes * expansion)
                    identity = ZooLayers.ConvBn(b, x, p + ".downsample.0", p + ".downsample.1", inplanes, planes * expansion, 1, stride, act: Act.None);
                x = b.Add("Add", [y, identity], name: p + ".add");
                x = b.Add("Relu", [x], name: p + ".relu");
                inplanes = planes * expansion;
            }
        }
        ZooLayers.Head(b, x, "fc", 512 * expansion, 1000);
        return b.Build();
    }
}
