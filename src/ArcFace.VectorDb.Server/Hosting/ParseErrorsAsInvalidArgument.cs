using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ArcFace.VectorDb.Server.Hosting;

/// <summary>
/// Binds every gRPC service as Grpc.AspNetCore does (through the generated BindService method), but with request
/// marshallers that turn a message that does not parse (truncated, garbage) into INVALID_ARGUMENT naming the message
/// type, where the stock binding answers UNKNOWN and logs an exception for what is the caller's mistake.
/// </summary>
internal static class ParseErrorsAsInvalidArgument
{
    /// <summary>Replaces Grpc.AspNetCore's own method provider with this one, leaving others (JSON transcoding) in place; call after every AddGrpc.</summary>
    public static IServiceCollection AddParseErrorsAsInvalidArgument(this IServiceCollection services)
    {
        for (int i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IServiceMethodProvider<>) && services[i].ImplementationType?.Assembly == typeof(GrpcServiceOptions).Assembly)
                services.RemoveAt(i);
        }
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(Provider<>));
        return services;
    }

    /// <summary>A request marshaller whose parse errors are INVALID_ARGUMENT.</summary>
    private static Marshaller<T> Checked<T>(Marshaller<T> marshaller) => Marshallers.Create(marshaller.ContextualSerializer, context =>
    {
        try
        {
            return marshaller.ContextualDeserializer(context);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"The request is not a valid {typeof(T).Name} message: {e.Message}"));
        }
    });

    private static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
        new(method.Type, method.ServiceName, method.Name, Checked(method.RequestMarshaller), method.ResponseMarshaller);

    /// <summary>Finds the generated BindService(ServiceBinderBase, TBase) of a service and binds it with <see cref="Binder{TService}"/>.</summary>
    private sealed class Provider<TService> : IServiceMethodProvider<TService> where TService : class
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } attribute)
                    continue;
                var bind = attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
                    .Single(m => m.Name == attribute.BindMethodName && m.GetParameters() is [{ } first, _] && first.ParameterType == typeof(ServiceBinderBase));
                bind.Invoke(null, [new Binder<TService>(context, bind.GetParameters()[1].ParameterType), null]);
                return;
            }
        }
    }

    /// <summary>Adds each method the generated code declares, invoking the service's override of it, with the checked request marshaller.</summary>
    private sealed class Binder<TService>(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase where TService : class
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Checked(method), metadata, invoker);
        }

        /// <summary>The service's override of the generated method as an open delegate, and the endpoint metadata (type attributes, then method attributes, then POST only).</summary>
        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
                ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {name}.");
            if (handler.GetBaseDefinition().DeclaringType != declaringType)
                throw new InvalidOperationException($"{typeof(TService).Name}.{name} does not override the generated {declaringType.Name}.{name}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }
    }
}
