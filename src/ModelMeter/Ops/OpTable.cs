namespace ModelMeter.Ops;

/// <summary>
/// Every built-in operator rule in one table (like onnx-tool's node registry): each line is a domain, the rule (one
/// class per op family, in the file named in the comment above it) and the op types it answers for. No reflection: the
/// table is what the NativeAOT binary and <see cref="OpRegistry.Default"/> use. A new rule class gets a line here (a test
/// fails for an <see cref="IOpRule"/> class that has none).
/// </summary>
internal static class OpTable
{
    private const string Onnx = "";
    private const string Microsoft = "com.microsoft";
    private const string Nchwc = "com.microsoft.nchwc";
    private const string Ml = "ai.onnx.ml";
    private const string Training = "ai.onnx.preview.training";
    private const string Preview = "ai.onnx.preview";
    private const string Deprecated = "ai.onnx.deprecated";

    /// <summary>Adds every built-in rule to <paramref name="r"/>.</summary>
    public static void AddAll(OpRegistry r)
    {
        // Attention.cs
        var attentionRule = new AttentionRule();
        r.Add(Onnx, attentionRule, "Attention");
        r.Add(Preview, attentionRule, "FlexAttention");
        r.Add(Onnx, new LinearAttentionRule(), "LinearAttention");
        r.Add(Onnx, new CausalConvWithStateRule(), "CausalConvWithState");
        var shapePreservingRule = new ShapePreservingRule();
        r.Add(Onnx, shapePreservingRule, "RMSNormalization", "RotaryEmbedding", "SwiGLU");
        r.Add(Microsoft, shapePreservingRule, "RotaryEmbedding");

        // BatchNormalization.cs
        r.Add(Onnx, new BatchNormalization(), "BatchNormalization");

        // ContribAttention.cs
        r.Add(Microsoft, new ContribAttentionRule(), "Attention", "QAttention");
        r.Add(Microsoft, new MultiHeadAttentionRule(), "MultiHeadAttention");
        r.Add(Microsoft, new GroupQueryAttentionRule(), "GroupQueryAttention");

        // ContribFused.cs
        r.Add(Microsoft, new FusedRule(), "FusedConv", "FusedGemm");
        r.Add(Microsoft, new FusedMatMulRule(), "FusedMatMul");
        r.Add(Microsoft, new NhwcConvRule(), "NhwcConv");
        r.Add(Microsoft, new BiasOpsRule(), "BiasAdd", "BiasSoftmax");

        // ContribNormalization.cs
        r.Add(Microsoft, new SkipLayerNormRule(), "SkipLayerNormalization", "SkipSimplifiedLayerNormalization");
        var simplifiedLayerNormRule = new SimplifiedLayerNormRule();
        r.Add(Onnx, simplifiedLayerNormRule, "SimplifiedLayerNormalization");
        r.Add(Microsoft, simplifiedLayerNormRule, "SimplifiedLayerNormalization");
        r.Add(Microsoft, new EmbedLayerNormRule(), "EmbedLayerNormalization");

        // ContribQuantized.cs
        r.Add(Microsoft, new MatMulNBitsRule(), "MatMulNBits");
        r.Add(Microsoft, new QLinearBinaryRule(), "QLinearAdd", "QLinearMul");
        r.Add(Microsoft, new QLinearUnaryRule(), "QLinearSigmoid", "QLinearLeakyRelu", "QLinearSoftmax");
        r.Add(Microsoft, new QLinearGlobalAveragePoolRule(), "QLinearGlobalAveragePool");
        r.Add(Microsoft, new QLinearConcatRule(), "QLinearConcat");

        // ControlFlow.cs
        r.Add(Onnx, new IfRule(), "If");
        r.Add(Onnx, new LoopRule(), "Loop");
        r.Add(Onnx, new ScanRule(), "Scan");

        // Conv.cs
        r.Add(Onnx, new Conv(), "Conv");

        // ConvTranspose.cs
        r.Add(Onnx, new ConvTranspose(), "ConvTranspose");

        // Elementwise.cs
        var unaryRule = new UnaryRule();
        r.Add(Onnx, unaryRule, "Relu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Gelu", "Erf", "Softplus",
            "Softsign", "LeakyRelu", "Elu", "Selu", "Celu", "Mish", "ThresholdedRelu", "Exp", "Log", "Sqrt",
            "Reciprocal", "Neg", "Abs", "Floor", "Ceil", "Round", "Sign", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan",
            "Sinh", "Cosh", "Asinh", "Acosh", "Atanh", "Not", "IsNaN", "IsInf", "BitwiseNot", "Shrink", "Swish");
        r.Add(Microsoft, unaryRule, "Gelu", "QuickGelu", "FastGelu", "BiasGelu");
        r.Add(Onnx, new BinaryRule(), "Add", "Sub", "Mul", "Div", "Pow", "Mod", "And", "Or", "Xor", "Equal", "Less",
            "Greater", "LessOrEqual", "GreaterOrEqual", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor");
        r.Add(Onnx, new VariadicRule(), "Max", "Min", "Sum", "Mean");
        r.Add(Onnx, new WhereRule(), "Where");
        r.Add(Onnx, new ClipRule(), "Clip");
        r.Add(Onnx, new PReluRule(), "PRelu");

        // Gemm.cs
        r.Add(Onnx, new Gemm(), "Gemm");

        // GlobalPooling.cs
        var globalPooling = new GlobalPooling();
        r.Add(Onnx, globalPooling, "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
        r.Add(Nchwc, globalPooling, "GlobalAveragePool", "GlobalMaxPool");

        // Indexing.cs
        r.Add(Onnx, new ConcatRule(), "Concat");
        r.Add(Onnx, new SplitRule(), "Split");
        r.Add(Onnx, new SliceRule(), "Slice");
        r.Add(Onnx, new GatherRule(), "Gather");
        r.Add(Onnx, new GatherElementsRule(), "GatherElements");
        r.Add(Onnx, new GatherNDRule(), "GatherND");
        r.Add(Onnx, new ScatterRule(), "ScatterND", "ScatterElements", "Scatter", "TensorScatter");

        // Loss.cs
        r.Add(Onnx, new LossRule(), "NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss");

        // MatMul.cs
        r.Add(Onnx, new MatMul(), "MatMul");

        // Metadata.cs
        r.Add(Onnx, new ShapeRule(), "Shape");
        r.Add(Onnx, new SizeRule(), "Size");
        r.Add(Onnx, new ConstantRule(), "Constant");
        r.Add(Onnx, new ConstantOfShapeRule(), "ConstantOfShape");
        r.Add(Onnx, new IdentityRule(), "Identity");
        r.Add(Onnx, new CastRule(), "Cast", "CastLike");
        r.Add(Onnx, new DropoutRule(), "Dropout");
        r.Add(Onnx, new RangeRule(), "Range");

        // Nchwc.cs
        r.Add(Nchwc, new NchwcReorderRule(), "ReorderInput", "ReorderOutput");
        r.Add(Nchwc, new NchwcConvRule(), "Conv");
        r.Add(Nchwc, new NchwcUpsampleRule(), "Upsample");

        // Normalization.cs
        r.Add(Onnx, new Normalization(), "LayerNormalization", "InstanceNormalization", "GroupNormalization",
            "MeanVarianceNormalization", "LpNormalization", "LRN");

        // Pooling.cs
        var pooling = new Pooling();
        r.Add(Onnx, pooling, "MaxPool", "AveragePool", "LpPool");
        r.Add(Nchwc, pooling, "MaxPool", "AveragePool");

        // Quantized.cs
        var quantizeLinearRule = new QuantizeLinearRule();
        r.Add(Onnx, quantizeLinearRule, "QuantizeLinear");
        r.Add(Microsoft, quantizeLinearRule, "QuantizeLinear");
        var dequantizeLinearRule = new DequantizeLinearRule();
        r.Add(Onnx, dequantizeLinearRule, "DequantizeLinear");
        r.Add(Microsoft, dequantizeLinearRule, "DequantizeLinear");
        r.Add(Onnx, new DynamicQuantizeLinearRule(), "DynamicQuantizeLinear");
        var integerMatMulRule = new IntegerMatMulRule();
        r.Add(Onnx, integerMatMulRule, "MatMulInteger", "QLinearMatMul");
        r.Add(Microsoft, integerMatMulRule, "MatMulInteger16", "QLinearMatMul");
        var integerConvRule = new IntegerConvRule();
        r.Add(Onnx, integerConvRule, "ConvInteger", "QLinearConv");
        r.Add(Microsoft, integerConvRule, "QLinearConv");

        // Recurrent.cs
        r.Add(Onnx, new RecurrentRule(), "RNN", "GRU", "LSTM");

        // Reduce.cs
        r.Add(Onnx, new ReduceRule(), "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1",
            "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");
        r.Add(Onnx, new ArgReduceRule(), "ArgMax", "ArgMin");

        // Reshaping.cs
        r.Add(Onnx, new ReshapeRule(), "Reshape");
        r.Add(Onnx, new FlattenRule(), "Flatten");
        r.Add(Onnx, new TransposeRule(), "Transpose");
        r.Add(Onnx, new SqueezeRule(), "Squeeze", "Unsqueeze");
        r.Add(Onnx, new ExpandRule(), "Expand");
        r.Add(Onnx, new TileRule(), "Tile");
        r.Add(Onnx, new DepthSpaceRule(), "DepthToSpace", "SpaceToDepth");

        // Sequences.cs
        r.Add(Onnx, new SequenceRule(), "SequenceEmpty", "SequenceConstruct", "SequenceInsert", "SequenceAt",
            "SequenceErase", "SequenceLength", "SplitToSequence", "ConcatFromSequence");
        r.Add(Onnx, new OptionalRule(), "Optional", "OptionalHasElement", "OptionalGetElement");
        r.Add(Onnx, new SequenceMapRule(), "SequenceMap");

        // Signal.cs
        r.Add(Onnx, new SignalRule(), "DFT", "STFT", "HannWindow", "HammingWindow", "BlackmanWindow",
            "MelWeightMatrix");
        r.Add(Onnx, new ImageRule(), "GridSample", "AffineGrid", "RoiAlign", "Col2Im", "CenterCropPad", "MaxUnpool",
            "DeformConv", "Det", "ImageDecoder");

        // Softmax.cs
        r.Add(Onnx, new SoftmaxRule(), "Softmax", "LogSoftmax", "Hardmax");

        // Spatial.cs
        r.Add(Onnx, new PadRule(), "Pad");
        r.Add(Onnx, new ResizeRule(), "Resize", "Upsample");
        var sameShapeRule = new SameShapeRule();
        r.Add(Onnx, sameShapeRule, "Trilu", "CumSum", "CumProd", "ReverseSequence", "RandomUniformLike",
            "RandomNormalLike", "Bernoulli", "EyeLike");
        r.Add(Microsoft, sameShapeRule, "Trilu");
        r.Add(Deprecated, sameShapeRule, "Shrink");
        r.Add(Ml, sameShapeRule, "Binarizer");
        r.Add(Onnx, new RandomRule(), "RandomUniform", "RandomNormal");
        r.Add(Onnx, new TopKRule(), "TopK");
        r.Add(Onnx, new OneHotRule(), "OneHot");
        r.Add(Onnx, new DataDependentRule(), "NonZero", "Compress", "NonMaxSuppression", "Unique");
        r.Add(Onnx, new BitCastRule(), "BitCast");
        r.Add(Onnx, new EinsumRule(), "Einsum");

        // Text.cs
        var textAndMlRule = new TextAndMlRule();
        r.Add(Onnx, textAndMlRule, "StringNormalizer", "StringConcat", "RegexFullMatch", "StringSplit",
            "TfIdfVectorizer");
        r.Add(Ml, textAndMlRule, "LabelEncoder", "TreeEnsemble", "ArrayFeatureExtractor");
        r.Add(Training, textAndMlRule, "Adagrad", "Adam", "Momentum", "Gradient");
    }
}
