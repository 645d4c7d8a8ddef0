using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace EsWifi.Tests.DeviceCompatibility;

/// <summary>
/// Reads a compiled assembly and lists what nanoCLR 1.x or its MetadataProcessor cannot run
/// (shared/docs/nanoframework.md §3.4–3.5): generic types or methods of our own, generic
/// instantiations other than mscorlib's delegates, pointer-typed locals, multidimensional arrays,
/// localloc, more than 255 methods of one kind in a type, references to anything but mscorlib.
/// A compiler accepts all of these; the device crashes or the MetadataProcessor refuses them.
/// </summary>
public static class NanoCompatibilityChecker
{
    private const int MaxMethodsOfOneKind = 255;

    // mscorlib 1.17.11 declares these generic delegates; the runtime tolerates their instantiation.
    private static readonly HashSet<string> AllowedGenericTypes = new()
    {
        "System.Action`1", "System.Action`2", "System.Func`1", "System.Func`2", "System.Func`3", "System.EventHandler`1",
    };

    private static readonly Dictionary<ushort, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null))
        .ToDictionary(o => unchecked((ushort)o.Value), o => o.OperandType);

    public static List<string> Check(byte[] image) => Check(image, Array.Empty<string>());

    /// <summary>Checks a device assembly that may also reference <paramref name="allowedReferences"/> (names, e.g. the driver for an adapter).</summary>
    public static List<string> Check(byte[] image, IReadOnlyCollection<string> allowedReferences)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        MetadataReader md = pe.GetMetadataReader();
        var violations = new List<string>();
        var provider = new SignatureInspector(md, violations);

        foreach (AssemblyReferenceHandle handle in md.AssemblyReferences)
        {
            AssemblyReference reference = md.GetAssemblyReference(handle);
            string name = md.GetString(reference.Name);
            if (allowedReferences.Contains(name))
            {
                continue;
            }

            if (name != "mscorlib" || reference.Version != new Version(1, 17, 11, 0))
            {
                violations.Add($"assembly reference {name} {reference.Version}: only mscorlib 1.17.11.0 exists on the device");
            }
        }

        foreach (TypeDefinitionHandle typeHandle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(typeHandle);
            string typeName = FullName(md, type);
            if (type.GetGenericParameters().Count > 0)
            {
                violations.Add($"generic type {typeName}: nanoCLR 1.x has no generics (it crashes loading the assembly)");
            }

            int statics = 0, virtuals = 0, instances = 0;
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(methodHandle);
                string methodName = typeName + "." + md.GetString(method.Name);
                if ((method.Attributes & MethodAttributes.Static) != 0)
                {
                    statics++;
                }
                else if ((method.Attributes & MethodAttributes.Virtual) != 0)
                {
                    virtuals++;
                }
                else
                {
                    instances++;
                }

                if (method.GetGenericParameters().Count > 0)
                {
                    violations.Add($"generic method {methodName}: nanoCLR 1.x has no generics");
                }

                provider.Context = "signature of " + methodName;
                method.DecodeSignature(provider, null);
                if (method.RelativeVirtualAddress != 0)
                {
                    CheckBody(pe, md, provider, method, methodName, violations);
                }
            }

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = md.GetFieldDefinition(fieldHandle);
                provider.Context = "field " + typeName + "." + md.GetString(field.Name);
                field.DecodeSignature(provider, null);
            }

            foreach ((string kind, int count) in new[] { ("static", statics), ("virtual", virtuals), ("instance", instances) })
            {
                if (count > MaxMethodsOfOneKind)
                {
                    violations.Add($"type {typeName} has {count} {kind} methods: the MetadataProcessor allows {MaxMethodsOfOneKind}");
                }
            }
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            provider.Context = "type reference";
            spec.DecodeSignature(provider, null);
        }

        for (int row = 1; row <= md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            MethodSpecification spec = md.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            violations.Add($"generic method instantiation (token {MetadataTokens.GetToken(spec.Method):X8}): nanoCLR 1.x has no generics");
        }

        // nanoCLR keeps strings NUL-terminated: a literal holding a NUL ends there on the device.
        UserStringHandle literal = MetadataTokens.UserStringHandle(1);
        while (md.GetHeapSize(HeapIndex.UserString) > 1 && !literal.IsNil)
        {
            string text = md.GetUserString(literal);
            if (text.Contains('\0'))
            {
                violations.Add($"string literal \"{text.Replace("\0", "\\0")}\" holds a NUL: on nanoCLR a string ends at its first NUL");
            }

            literal = md.GetNextHandle(literal);
        }

        return violations.Distinct().ToList();
    }

    private static void CheckBody(PEReader pe, MetadataReader md, SignatureInspector provider, MethodDefinition method, string methodName, List<string> violations)
    {
        MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            provider.Context = "locals of " + methodName;
            provider.InLocals = true;
            md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null);
            provider.InLocals = false;
        }

        BlobReader il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            if (code == 0xFE0F)
            {
                violations.Add($"localloc (stackalloc) in {methodName}: the interpreter does not support it");
            }

            SkipOperand(ref il, OperandTypes.TryGetValue(code, out OperandType operand) ? operand : OperandType.InlineNone);
        }
    }

    private static void SkipOperand(ref BlobReader il, OperandType operand)
    {
        switch (operand)
        {
            case OperandType.InlineNone:
                break;
            case OperandType.ShortInlineBrTarget:
            case OperandType.ShortInlineI:
            case OperandType.ShortInlineVar:
                il.Offset += 1;
                break;
            case OperandType.InlineVar:
                il.Offset += 2;
                break;
            case OperandType.InlineI8:
            case OperandType.InlineR:
                il.Offset += 8;
                break;
            case OperandType.InlineSwitch:
                int targets = il.ReadInt32();
                il.Offset += 4 * targets;
                break;
            default:
                il.Offset += 4;
                break;
        }
    }

    private static string FullName(MetadataReader md, TypeDefinition type)
    {
        string ns = md.GetString(type.Namespace);
        return (ns.Length > 0 ? ns + "." : string.Empty) + md.GetString(type.Name);
    }

    /// <summary>Decodes signatures to names and records the constructs the device cannot run.</summary>
    private sealed class SignatureInspector : ISignatureTypeProvider<string, object>
    {
        private readonly MetadataReader _md;
        private readonly List<string> _violations;

        public SignatureInspector(MetadataReader md, List<string> violations)
        {
            _md = md;
            _violations = violations;
        }

        public string Context { get; set; } = string.Empty;

        public bool InLocals { get; set; }

        public string GetArrayType(string elementType, ArrayShape shape)
        {
            _violations.Add($"multidimensional array {elementType}[{new string(',', shape.Rank - 1)}] in {Context}: not supported by nanoFramework");
            return elementType + "[,]";
        }

        public string GetPointerType(string elementType)
        {
            _violations.Add($"pointer type {elementType}* in {Context}: the MetadataProcessor rejects pointers");
            return elementType + "*";
        }

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetFunctionPointerType(MethodSignature<string> signature)
        {
            _violations.Add($"function pointer in {Context}: the MetadataProcessor rejects pointers");
            return "fnptr";
        }

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            if (!AllowedGenericTypes.Contains(genericType))
            {
                _violations.Add($"generic instantiation {genericType}<{string.Join(",", typeArguments)}> in {Context}: nanoCLR 1.x has no generics");
            }

            return genericType + "<" + string.Join(",", typeArguments) + ">";
        }

        public string GetGenericMethodParameter(object genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType)
        {
            _violations.Add($"pinned local {elementType} in {Context}: the MetadataProcessor rejects pointers");
            return elementType;
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            FullName(reader, reader.GetTypeDefinition(handle));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            TypeReference reference = reader.GetTypeReference(handle);
            string ns = reader.GetString(reference.Namespace);
            return (ns.Length > 0 ? ns + "." : string.Empty) + reader.GetString(reference.Name);
        }

        public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
